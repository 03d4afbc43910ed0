/**
 * Pickers that ask the server: units by name (diacritics optional, "ha trung" finds Hà Trung) at a
 * level and on a date (today, or before the 1 July 2025 reorganisation), indicators (several at
 * once), and a unit's congress terms.
 */
import { Combobox, Dropdown, Field, Option, Radio, RadioGroup, Switch } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { GraphQLClient, IndicatorHit, TermHit, UnitHit, UnitLevel } from '../../api';
import { listTerms, searchUnits } from '../../api';
import { useT } from '../lang-context';
import { LEVEL_LABELS } from '../labels';
import { levelAvailable, parentName, searchDate, todayIso, uniqueById, validityLabel } from '../unit-search';

const LEVELS: readonly UnitLevel[] = ['PROVINCE', 'DISTRICT', 'COMMUNE'];

export function UnitPicker(props: {
  client: GraphQLClient;
  /** A fixed level (no level choice shown); otherwise the user picks Tỉnh / Huyện / Xã. */
  level?: UnitLevel;
  label: string;
  value: UnitHit | null;
  onChange: (u: UnitHit | null) => void;
  onError: (e: unknown) => void;
  testId: string;
}) {
  const { t, lang } = useT();
  const [text, setText] = useState(props.value?.name ?? '');
  const [hits, setHits] = useState<UnitHit[]>([]);
  const [chosenLevel, setChosenLevel] = useState<UnitLevel>('PROVINCE');
  const [before, setBefore] = useState(false);
  const level = props.level ?? chosenLevel;
  const today = todayIso();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);
  const run = (q: string, l: UnitLevel, b: boolean, delay: number) => {
    clearTimeout(timer.current);
    const mine = ++seq.current;
    if (q.trim().length < 2) return setHits([]);
    // Wait for a pause in typing: one request per word, not per keystroke.
    timer.current = setTimeout(() => {
      searchUnits(props.client, q.trim(), { level: l, on: searchDate(b, today) }).then((list) => {
        if (mine === seq.current) setHits(uniqueById(list)); // a late answer to an old search is dropped
      }, props.onError);
    }, delay);
  };
  const search = (q: string) => {
    setText(q);
    run(q, level, before, 250);
  };
  const choose = (l: UnitLevel, b: boolean) => {
    const next = levelAvailable(l, b) ? l : 'PROVINCE';
    setChosenLevel(next);
    setBefore(b);
    // What was picked belongs to another level or date: pick again.
    if (props.value) props.onChange(null);
    run(text, props.level ?? next, b, 0);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <>
      <Switch
        data-testid={`${props.testId}-before`}
        checked={before}
        onChange={(_, d) => choose(chosenLevel, d.checked)}
        label={t('beforeReform')}
      />
      {props.level ? null : (
        <Field label={t('unitLevel')} hint={levelAvailable('DISTRICT', before) ? undefined : t('noDistrictsToday')}>
          <RadioGroup layout="horizontal" value={level} onChange={(_, d) => choose(d.value as UnitLevel, before)}>
            {LEVELS.map((l) => (
              <Radio
                key={l}
                data-testid={`${props.testId}-level-${l}`}
                value={l}
                label={LEVEL_LABELS[l][lang]}
                disabled={!levelAvailable(l, before)}
              />
            ))}
          </RadioGroup>
        </Field>
      )}
      <Field label={props.label}>
        <Combobox
          freeform
          data-testid={props.testId}
          placeholder={t('unitPlaceholder')}
          value={text}
          onChange={(e) => search((e.target as HTMLInputElement).value)}
          onOptionSelect={(_, d) => {
            const u = hits.find((h) => h.id === d.optionValue) ?? null;
            setText(u?.name ?? '');
            props.onChange(u);
          }}
        >
          {hits.length === 0 && text.trim().length >= 2 ? (
            <Option disabled value="">
              {t('noUnits')}
            </Option>
          ) : null}
          {hits.map((u) => {
            const parent = parentName(u);
            const until = validityLabel(u.validTo, today, lang);
            return (
              <Option key={u.id} value={u.id} text={u.name}>
                {parent ? `${u.name} — ${parent}` : u.name} ({u.code}){until ? ` · ${until}` : ''}
              </Option>
            );
          })}
        </Combobox>
      </Field>
    </>
  );
}

export function IndicatorPicker(props: {
  indicators: readonly IndicatorHit[];
  value: readonly string[];
  onChange: (codes: string[]) => void;
  testId: string;
}) {
  const { t } = useT();
  const names = new Map(props.indicators.map((i) => [i.code, i.name]));
  return (
    <Field label={t('indicators')}>
      <Combobox
        multiselect
        data-testid={props.testId}
        selectedOptions={[...props.value]}
        value={props.value.map((c) => names.get(c) ?? c).join('; ')}
        onOptionSelect={(_, d) => props.onChange(d.selectedOptions)}
      >
        {props.indicators.map((i) => (
          <Option key={i.code} value={i.code} text={i.name}>
            {i.name} ({i.unit})
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}

export function TermPicker(props: {
  client: GraphQLClient;
  /** Any level: district terms (2020–2025), province and commune terms (2025–2030). */
  unit: Pick<UnitHit, 'id' | 'code'>;
  value: string | null;
  onChange: (id: string | null) => void;
  onError: (e: unknown) => void;
}) {
  const { t } = useT();
  const [terms, setTerms] = useState<TermHit[] | null>(null);
  const { client, onChange, onError } = props;
  const { id: unitId, code: unitCode } = props.unit;
  useEffect(() => {
    let live = true;
    setTerms(null);
    listTerms(client, { id: unitId, code: unitCode }).then((list) => {
      if (!live) return;
      setTerms(list);
      onChange(list[0]?.id ?? null); // the newest term is what people pull
    }, onError);
    return () => {
      live = false;
    };
  }, [client, unitId, unitCode, onChange, onError]);
  const label = (x: TermHit) => `${x.congressRoman} (${x.startYear}–${x.endYear})`;
  const selected = terms?.find((x) => x.id === props.value);
  return (
    <Field label={t('term')} validationMessage={terms && terms.length === 0 ? t('noTerms') : undefined}>
      <Dropdown
        data-testid="term-picker"
        value={selected ? label(selected) : ''}
        selectedOptions={props.value ? [props.value] : []}
        onOptionSelect={(_, d) => props.onChange(d.optionValue ?? null)}
      >
        {(terms ?? []).map((x) => (
          <Option key={x.id} value={x.id} text={label(x)}>
            {label(x)}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
