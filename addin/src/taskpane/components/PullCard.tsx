/** Choosing what to pull: a unit, then a term (term sheet) or indicators and years (long table). */
import { Button, Checkbox, Field, Input, Radio, RadioGroup } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { GraphQLClient, IndicatorHit, UnitHit } from '../../api';
import { useT } from '../lang-context';
import type { PullRequest } from '../../workflow/pull';
import { IndicatorPicker, TermPicker, UnitPicker } from './pickers';
import { Section } from './Section';

export function yearOrNull(s: string): number | null {
  return /^\d{4}$/.test(s.trim()) ? Number(s) : null;
}

export function PullCard(props: {
  client: GraphQLClient;
  indicators: readonly IndicatorHit[];
  busy: boolean;
  onPull: (req: PullRequest) => void;
  onError: (e: unknown) => void;
}) {
  const { t } = useT();
  const [unit, setUnit] = useState<UnitHit | null>(null);
  const [layout, setLayout] = useState<'term' | 'long'>('term');
  const [termId, setTermId] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[]>([]);
  // A province's long table holds its districts' (communes') figures, or with this its own.
  const [own, setOwn] = useState(false);
  const [boundaries, setBoundaries] = useState<Boundaries>('AS_REPORTED');
  const [from, setFrom] = useState('2020');
  const [to, setTo] = useState('2025');
  const onTerm = useCallback((id: string | null) => setTermId(id), []);

  const request = (): PullRequest | null => {
    if (!unit) return null;
    if (layout === 'term') return termId ? { layout: 'term', termId } : null;
    const fromYear = yearOrNull(from);
    const toYear = yearOrNull(to);
    return {
      layout: 'long',
      filter: {
        ...(unit.level === 'PROVINCE' && !own ? { provinceCode: unit.code } : { unitCodes: [unit.code] }),
        ...(codes.length ? { indicatorCodes: codes } : {}),
        ...(fromYear ? { fromYear } : {}),
        ...(toYear ? { toYear } : {}),
        ...(boundaries === 'CURRENT' ? { boundaries } : {}),
      },
      label: `Dữ liệu ${unit.name.replace(/^(Huyện|Thị xã|Thành phố|Quận|Tỉnh|Xã|Phường|Thị trấn|Đặc khu) /, '')}${boundariesSuffix(
        boundaries,
      )}`,
    };
  };
  const req = request();
  return (
    <Section title={t('pullTitle')} testId="pull-card">
      <UnitPicker
        client={props.client}
        label={t('unit')}
        value={unit}
        onChange={setUnit}
        onError={props.onError}
        testId="unit-search"
      />
      <Field label={t('layout')}>
        <RadioGroup value={layout} onChange={(_, d) => setLayout(d.value as 'term' | 'long')}>
          <Radio data-testid="layout-term" value="term" label={t('layoutTerm')} />
          <Radio data-testid="layout-long" value="long" label={t('layoutLong')} />
        </RadioGroup>
      </Field>
      {unit && layout === 'term' ? (
        <TermPicker client={props.client} unit={unit} value={termId} onChange={onTerm} onError={props.onError} />
      ) : null}
      {layout === 'long' ? (
        <>
          {unit?.level === 'PROVINCE' ? (
            <Checkbox
              data-testid="province-own"
              checked={own}
              onChange={(_, d) => setOwn(Boolean(d.checked))}
              label={t('provinceOwn')}
            />
          ) : null}
          <BoundariesField value={boundaries} onChange={setBoundaries} />
          <IndicatorPicker indicators={props.indicators} value={codes} onChange={setCodes} testId="pull-indicators" />
          <div style={{ display: 'flex', gap: 8 }}>
            <Field label={t('fromYear')}>
              <Input
                data-testid="pull-from"
                value={from}
                onChange={(_, d) => setFrom(d.value)}
                inputMode="numeric"
                style={{ width: 90 }}
              />
            </Field>
            <Field label={t('toYear')}>
              <Input
                data-testid="pull-to"
                value={to}
                onChange={(_, d) => setTo(d.value)}
                inputMode="numeric"
                style={{ width: 90 }}
              />
            </Field>
          </div>
        </>
      ) : null}
      <Button
        data-testid="pull"
        appearance="primary"
        disabled={props.busy || !req}
        onClick={() => req && props.onPull(req)}
      >
        {t('pull')}
      </Button>
    </Section>
  );
}

export type Boundaries = 'AS_REPORTED' | 'CURRENT';

/** "(nay)": a sheet on today's boundaries is told apart from the as-reported one by its name. */
export const boundariesSuffix = (b: Boundaries) => (b === 'CURRENT' ? ' (nay)' : '');

/** As reported, or on today's boundaries (values of merged units combined by the server, read-only). */
export function BoundariesField(props: { value: Boundaries; onChange: (b: Boundaries) => void; testId?: string }) {
  const { t } = useT();
  const id = props.testId ?? 'boundaries';
  return (
    <Field label={t('boundaries')} hint={props.value === 'CURRENT' ? t('boundariesHint') : undefined}>
      <RadioGroup layout="horizontal" value={props.value} onChange={(_, d) => props.onChange(d.value as Boundaries)}>
        <Radio data-testid={`${id}-AS_REPORTED`} value="AS_REPORTED" label={t('boundariesReported')} />
        <Radio data-testid={`${id}-CURRENT`} value="CURRENT" label={t('boundariesCurrent')} />
      </RadioGroup>
    </Field>
  );
}
