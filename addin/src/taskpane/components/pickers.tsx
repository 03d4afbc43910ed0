/**
 * Pickers that ask the server: units by name (diacritics optional, "ha trung" finds Hà Trung),
 * indicators (several at once), and a unit's congress terms.
 */
import { Combobox, Dropdown, Field, Option } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { GraphQLClient, IndicatorHit, TermHit, UnitHit } from '../../api';
import { listTerms, searchUnits } from '../../api';
import { useT } from '../lang-context';

export function UnitPicker(props: {
  client: GraphQLClient;
  level?: UnitHit['level'];
  label: string;
  value: UnitHit | null;
  onChange: (u: UnitHit | null) => void;
  onError: (e: unknown) => void;
  testId: string;
}) {
  const { t } = useT();
  const [text, setText] = useState(props.value?.name ?? '');
  const [hits, setHits] = useState<UnitHit[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const search = (q: string) => {
    setText(q);
    clearTimeout(timer.current);
    if (q.trim().length < 2) return setHits([]);
    // Wait for a pause in typing: one request per word, not per keystroke.
    timer.current = setTimeout(() => {
      searchUnits(props.client, q.trim(), props.level).then(setHits, props.onError);
    }, 250);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <Field label={props.label}>
      <Combobox
        freeform
        data-testid={props.testId}
        placeholder={t('unitPlaceholder')}
        value={text}
        onChange={(e) => search((e.target as HTMLInputElement).value)}
        onOptionSelect={(_, d) => {
          const u = hits.find((h) => h.code === d.optionValue) ?? null;
          setText(u?.name ?? '');
          props.onChange(u);
        }}
      >
        {hits.length === 0 && text.trim().length >= 2 ? (
          <Option disabled value="">
            {t('noUnits')}
          </Option>
        ) : null}
        {hits.map((u) => (
          <Option key={u.code} value={u.code} text={u.name}>
            {u.province ? `${u.name} — ${u.province.name}` : u.name} ({u.code})
          </Option>
        ))}
      </Combobox>
    </Field>
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
  unitCode: string;
  value: string | null;
  onChange: (id: string | null) => void;
  onError: (e: unknown) => void;
}) {
  const { t } = useT();
  const [terms, setTerms] = useState<TermHit[] | null>(null);
  const { client, unitCode, onChange, onError } = props;
  useEffect(() => {
    let live = true;
    setTerms(null);
    listTerms(client, unitCode).then((list) => {
      if (!live) return;
      setTerms(list);
      onChange(list[0]?.id ?? null); // the newest term is what people pull
    }, onError);
    return () => {
      live = false;
    };
  }, [client, unitCode, onChange, onError]);
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
