import { AdminUnitEntity } from '../admin-units/admin-unit.entity';
import { PeriodLockEntity } from '../approval/period-lock.entity';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { ApiTokenEntity } from '../auth/api-token.entity';
import { IndicatorEntity } from '../indicators/indicator.entity';
import { ObservationRevisionEntity } from '../observations/observation-revision.entity';
import { ObservationEntity } from '../observations/observation.entity';
import { PushBatchEntity } from '../observations/push-batch.entity';
import { TargetEntity } from '../terms/target.entity';
import { TermEntity } from '../terms/term.entity';
import { AppMetaEntity } from '../db/app-meta.entity';
import { UnitLineageEntity } from '../admin-units/unit-lineage.entity';

export const entities = [
  AdminUnitEntity,
  IndicatorEntity,
  TermEntity,
  TargetEntity,
  ObservationEntity,
  ObservationRevisionEntity,
  ApiTokenEntity,
  AuditEventEntity,
  AppMetaEntity,
  PeriodLockEntity,
  PushBatchEntity,
  UnitLineageEntity,
];
