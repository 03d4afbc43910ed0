/** The provincial analyst's view: every district of a province as a long table and a PivotTable. */
import { Button, Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import type { GraphQLClient, IndicatorHit, UnitHit } from '../../api';
import { useT } from '../lang-context';
import type { CompareRequest } from '../../workflow/compare';
import { IndicatorPicker, UnitPicker } from './pickers';
import { BoundariesField, yearOrNull, type Boundaries } from './PullCard';
import { Section } from './Section';

export function CompareCard(props: {
  client: GraphQLClient;
  indicators: readonly IndicatorHit[];
  busy: boolean;
  onCompare: (req: CompareRequest) => void;
  onError: (e: unknown) => void;
}) {
  const { t } = useT();
  const [province, setProvince] = useState<UnitHit | null>(null);
  const [codes, setCodes] = useState<string[]>([]);
  const [from, setFrom] = useState('2020');
  const [to, setTo] = useState('2025');
  const [boundaries, setBoundaries] = useState<Boundaries>('AS_REPORTED');
  return (
    <Section title={t('compareTitle')} testId="compare-card">
      <UnitPicker
        client={props.client}
        level="PROVINCE"
        label={t('province')}
        value={province}
        onChange={setProvince}
        onError={props.onError}
        testId="province-search"
      />
      <BoundariesField value={boundaries} onChange={setBoundaries} testId="compare-boundaries" />
      <IndicatorPicker indicators={props.indicators} value={codes} onChange={setCodes} testId="compare-indicators" />
      <div style={{ display: 'flex', gap: 8 }}>
        <Field label={t('fromYear')}>
          <Input value={from} onChange={(_, d) => setFrom(d.value)} inputMode="numeric" style={{ width: 90 }} />
        </Field>
        <Field label={t('toYear')}>
          <Input value={to} onChange={(_, d) => setTo(d.value)} inputMode="numeric" style={{ width: 90 }} />
        </Field>
      </div>
      <Button
        data-testid="compare"
        disabled={props.busy || !province}
        onClick={() =>
          province &&
          props.onCompare({
            provinceCode: province.code,
            provinceName: province.name.replace(/^(Tỉnh|Thành phố) /, ''),
            indicatorCodes: codes,
            fromYear: yearOrNull(from),
            toYear: yearOrNull(to),
            boundaries,
          })
        }
      >
        {t('compare')}
      </Button>
    </Section>
  );
}
