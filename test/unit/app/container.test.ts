import { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { AdminUnitLoaders } from '../../../server/src/admin-units/admin-unit.loaders';
import { createContainer, createServices } from '../../../server/src/app/services';
import { ObservationResolver } from '../../../server/src/observations/observation.resolver';
import { ObservationService } from '../../../server/src/observations/observation.service';
import { ObservationTableService } from '../../../server/src/observations/observation-table.service';
import { PushService } from '../../../server/src/observations/push.service';

// Services only keep the DataSource; nothing here connects.
const dataSource = () => new DataSource({ type: 'better-sqlite3', database: ':memory:' });

describe('the application container', () => {
  it("builds each service once per application, over that application's DataSource", () => {
    const ds = dataSource();
    const c = createContainer(ds);
    const push = c.resolve(PushService);
    expect(c.resolve(PushService)).toBe(push);
    expect((push as unknown as { ds: DataSource }).ds).toBe(ds);
    // A service's own dependencies are the same singletons.
    const table = c.resolve(ObservationTableService) as unknown as { observations: ObservationService };
    expect(table.observations).toBe(c.resolve(ObservationService));
  });

  it('keeps two applications in one process apart (tests run SQLite and MariaDB side by side)', () => {
    const a = createServices(dataSource());
    const b = createServices(dataSource());
    expect(a.push).not.toBe(b.push);
    expect(a.container.resolve(PushService)).toBe(a.push);
  });

  it("gives each request its own resolvers and DataLoaders but the application's services", () => {
    const app = createContainer(dataSource());
    const r1 = app.createChildContainer();
    const r2 = app.createChildContainer();
    expect(r1.resolve(AdminUnitLoaders)).toBe(r1.resolve(AdminUnitLoaders));
    expect(r1.resolve(AdminUnitLoaders)).not.toBe(r2.resolve(AdminUnitLoaders));
    expect(r1.resolve(ObservationResolver)).toBe(r1.resolve(ObservationResolver));
    expect(r1.resolve(ObservationResolver)).not.toBe(r2.resolve(ObservationResolver));
    expect(r1.resolve(PushService)).toBe(r2.resolve(PushService));
    expect(r1.resolve(PushService)).toBe(app.resolve(PushService));
  });
});
