import { injectable } from 'tsyringe';
import { DataSource, In } from 'typeorm';
import { AdminUnitEntity } from '../admin-units/admin-unit.entity';
import { AdminUnitService } from '../admin-units/admin-unit.service';
import type { AdminUnit } from '../admin-units/admin-unit.types';
import { presentUnit } from '../admin-units/admin-unit.types';
import { UnitLineageEntity } from '../admin-units/unit-lineage.entity';
import { badInput } from '../common/errors';
import { inChunks } from '../db/sql';
import { IndicatorService } from '../indicators/indicator.service';
import type { Indicator } from '../indicators/indicator.types';
import {
  closePredecessors,
  deriveValues,
  type Contributor,
  type DerivedValue,
  type Lineage,
  type Rule,
} from './boundaries';
import {
  ObservationScopeService,
  scopeIsEmpty,
  type ObservationScope,
  type ObservationScopeFilter,
} from './observation-scope';
import { ObservationService, type ObservationValue } from './observation.service';

/** One value on the boundaries of a date: a unit's own (stored) value or one derived from its predecessors. */
export interface BoundaryValue extends DerivedValue {
  /** The stored observation; null for a derived value. */
  observationId: number | null;
  derived: boolean;
}

/** True when the unit was in force on the ISO date. */
export const inForceOn = (u: { validFrom: string | null; validTo: string | null }, on: string) =>
  (u.validFrom === null || u.validFrom <= on) && (u.validTo === null || u.validTo >= on);

/**
 * Reads of observations on the boundaries of a date (`boundaries: CURRENT`): which units a filter
 * names on that date, which ended units' figures go into them (lineage), and the stored values to
 * combine (boundaries.ts does the arithmetic). A fixed number of statements per lineage step.
 */
@injectable()
export class BoundaryService {
  constructor(
    private readonly ds: DataSource,
    private readonly units: AdminUnitService,
    private readonly indicators: IndicatorService,
    private readonly scopes: ObservationScopeService,
    private readonly observations: ObservationService,
  ) {}

  /**
   * Every value the filter selects on the boundaries of `on` (ISO date): the units it names are
   * those in force on `on` (a code that named a unit since merged names the unit it went into), or,
   * for a unit that ended with no successor (a district), that unit as it was. Values reported by
   * ended units are combined into the units in force that succeeded them.
   */
  async values(filter: ObservationScopeFilter, on: string, at: string[]): Promise<BoundaryValue[]> {
    if (filter.updatedSince)
      throw badInput(
        'BOUNDARIES_UPDATED_SINCE',
        'updatedSince reads stored values only: use it with boundaries AS_REPORTED',
        [...at, 'updatedSince'],
      );
    return this.valuesInScope(await this.scopes.resolve(filter, at), on);
  }

  /** As `values`, for a filter already resolved (the comparison resolves it for its own use too). */
  async valuesInScope(scope: ObservationScope, on: string): Promise<BoundaryValue[]> {
    if (scopeIsEmpty(scope)) return [];
    return this.valuesOf(await this.targets(scope, on), scope, on);
  }

  /**
   * The values of these units on the boundaries of `on` within a resolved scope (its unit and
   * province fields are ignored): their own, and for units in force, those derived from the units
   * they came from.
   */
  async valuesOf(targets: readonly number[], scope: ObservationScope, on: string): Promise<BoundaryValue[]> {
    const lineage = await this.lineageOf(targets, on);
    const ancestors = [...new Set([...lineage.closure.values()].flat().map((c) => c.unitId))];
    const sourceIds = [...new Set([...targets, ...ancestors])];
    const indicators = scope.indicators ?? (await this.indicators.list({}));
    const wanted = new Set(indicators.map((i) => i.localId));
    const weights = indicators.flatMap((i) =>
      i.aggregation === 'WEIGHTED_MEAN' && i.weightIndicatorId !== null && !wanted.has(i.weightIndicatorId)
        ? [i.weightIndicatorId]
        : [],
    );
    const weightIndicators = weights.length ? [...(await this.indicators.byIds(weights)).values()] : [];
    const rules = new Map<number, Rule>([...indicators, ...weightIndicators].map((i) => [i.localId, i]));
    const read = async (unitIds: number[], of: Indicator[] | null) => {
      const out: ObservationValue[] = [];
      for (const chunk of inChunks(unitIds, 2))
        for (const v of await this.observations.valuesInScope({
          ...scope,
          unitIds: chunk,
          provinceIds: null,
          indicators: of,
          statuses: null,
        }))
          out.push(v);
      return out;
    };
    const stored = await read(sourceIds, scope.indicators);
    const weightValues = weightIndicators.length ? await read(ancestors, weightIndicators) : [];
    const targetSet = new Set(targets);
    const statuses = scope.statuses && new Set(scope.statuses);
    const out: BoundaryValue[] = [];
    for (const v of stored) {
      if (!targetSet.has(v.unitId)) continue;
      out.push({
        ...v,
        observationId: v.id,
        derived: false,
        complete: true,
        contributorIds: [],
      });
    }
    for (const d of deriveValues(targets, lineage, [...stored, ...weightValues], rules, (id) => wanted.has(id)))
      out.push({ ...d, observationId: null, derived: true });
    return statuses ? out.filter((v) => statuses.has(v.status)) : out;
  }

  /**
   * Units whose values the filter selects on the boundaries of `on`, by id: the images of the units
   * `unitCodes` names; the province's children in force on `on` and the ended children (with no
   * successor) of the province and of every unit it came from; both narrow when both are given.
   * Without either, every unit in force and every unit with no successor.
   */
  private async targets(scope: ObservationScope, on: string): Promise<number[]> {
    const named = scope.unitIds && new Set(await this.namedOn(scope.unitIds, on));
    if (!scope.provinceIds) return named ? [...named] : this.everyTarget(on);
    const provinces = await this.images(scope.provinceIds, on);
    const ancestors = [
      ...provinces,
      ...[...(await this.lineageOf(provinces, on)).closure.values()].flat().map((c) => c.unitId),
    ];
    const children: AdminUnit[] = [];
    for (const chunk of inChunks(ancestors, 2)) {
      const rows = await this.ds
        .getRepository(AdminUnitEntity)
        .createQueryBuilder('u')
        .leftJoin(AdminUnitEntity, 'p', 'p.id = u.parent_id')
        .where('(u.parent_id IN (:...a) OR p.parent_id IN (:...a))', { a: chunk })
        .getMany();
      for (const r of rows) children.push(presentUnit(r));
    }
    const withSuccessors = await this.withSuccessors(children.map((u) => u.localId));
    return children
      .filter((u) => (inForceOn(u, on) ? provinces.includes(u.parentId ?? -1) : !withSuccessors.has(u.localId)))
      .map((u) => u.localId)
      .filter((id) => !named || named.has(id));
  }

  /** Every unit in force on `on` and every unit with no successor. */
  private async everyTarget(on: string): Promise<number[]> {
    const rows: { id: number }[] = await this.ds
      .getRepository(AdminUnitEntity)
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .where(
        '((u.valid_from IS NULL OR u.valid_from <= :on) AND (u.valid_to IS NULL OR u.valid_to >= :on)) OR NOT EXISTS (SELECT 1 FROM unit_lineage l WHERE l.predecessor_id = u.id)',
        { on },
      )
      .getRawMany();
    return rows.map((r) => Number(r.id));
  }

  /**
   * The units codes name on the boundaries of `on`: per code, the unit with the code in force on
   * `on` (00097: today's Phường Hoàn Kiếm, not the communes old 00097 partly went into); for a code
   * no unit in force has, the images of the units that had it (36: the merged Ninh Bình; 360: Huyện
   * Ý Yên itself, which ended with no successor).
   */
  private async namedOn(unitIds: readonly number[], on: string): Promise<number[]> {
    const byCode = new Map<string, AdminUnit[]>();
    for (const u of (await this.units.byIds(unitIds)).values())
      byCode.set(`${u.level}:${u.code}`, [...(byCode.get(`${u.level}:${u.code}`) ?? []), u]);
    const out: number[] = [];
    for (const units of byCode.values()) {
      const current = units.filter((u) => inForceOn(u, on));
      if (current.length) out.push(...current.map((u) => u.localId));
      else
        out.push(
          ...(await this.images(
            units.map((u) => u.localId),
            on,
          )),
        );
    }
    return [...new Set(out)];
  }

  /**
   * The units in force on `on` that the units went into, through every reorganisation since; a
   * unit in force is its own image, and one that ended with no successor (a district) too.
   */
  async images(unitIds: readonly number[], on: string): Promise<number[]> {
    const units = await this.units.byIds(unitIds);
    const out = new Set<number>();
    let frontier: number[] = [];
    for (const id of unitIds) {
      const u = units.get(id);
      if (!u) continue;
      if (inForceOn(u, on)) out.add(id);
      else frontier.push(id);
    }
    const seen = new Set(frontier);
    while (frontier.length) {
      const links = await this.units.links(frontier, 'successors');
      const next: number[] = [];
      const reached = await this.units.byIds([...new Set([...links.values()].flat().map((l) => l.unitId))]);
      for (const id of frontier) {
        const list = links.get(id) ?? [];
        if (!list.length) out.add(id);
        for (const l of list) {
          const s = reached.get(l.unitId);
          if (!s || seen.has(l.unitId)) continue;
          seen.add(l.unitId);
          if (inForceOn(s, on)) out.add(l.unitId);
          else next.push(l.unitId);
        }
      }
      frontier = next;
    }
    return [...out];
  }

  /**
   * The lineage behind the units: every direct predecessor link, step by step back through each
   * reorganisation, and which of the units met were in force on `on`. One statement per step.
   */
  async lineageOf(unitIds: readonly number[], on: string): Promise<Lineage & { closure: Map<number, Contributor[]> }> {
    const direct = new Map<number, Contributor[]>();
    const inForce = new Set<number>();
    let frontier = [...new Set(unitIds)];
    while (frontier.length) {
      const links = await this.units.links(frontier, 'predecessors');
      const next = new Set<number>();
      for (const [id, list] of links) {
        direct.set(
          id,
          list.map((l) => ({ unitId: l.unitId, kind: l.kind })),
        );
        for (const l of list) if (!direct.has(l.unitId)) next.add(l.unitId);
      }
      for (const chunk of inChunks([...next]))
        for (const [id, u] of await this.units.byIds(chunk)) if (inForceOn(u, on)) inForce.add(id);
      frontier = [...next];
    }
    const lineage: Lineage = { predecessorsOf: direct, inForce: (id) => inForce.has(id) };
    return { ...lineage, closure: closePredecessors(unitIds, direct, lineage.inForce) };
  }

  /** The units among these that went into another (have lineage successors). */
  private async withSuccessors(ids: readonly number[]): Promise<Set<number>> {
    const out = new Set<number>();
    for (const chunk of inChunks(ids)) {
      const rows = await this.ds
        .getRepository(UnitLineageEntity)
        .find({ select: { predecessorId: true }, where: { predecessorId: In(chunk) } });
      for (const r of rows) out.add(r.predecessorId);
    }
    return out;
  }
}
