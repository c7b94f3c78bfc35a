/**
 * A `sql` tagged template that only ever binds parameters: interpolated values become `?`
 * placeholders, never text. Fragments built with `sql` (or `sql.raw` for trusted identifiers
 * chosen from a fixed list) nest.
 */
export type SqlValue = string | number | bigint | null | Uint8Array;

export interface SqlQuery {
  readonly text: string;
  readonly params: readonly SqlValue[];
  readonly __sql: true;
}

function isQuery(v: unknown): v is SqlQuery {
  return typeof v === 'object' && v !== null && (v as SqlQuery).__sql === true;
}

export function sql(strings: TemplateStringsArray, ...values: (SqlValue | SqlQuery | boolean)[]): SqlQuery {
  let text = strings[0] ?? '';
  const params: SqlValue[] = [];
  values.forEach((v, i) => {
    if (isQuery(v)) {
      text += v.text;
      params.push(...v.params);
    } else {
      text += '?';
      params.push(typeof v === 'boolean' ? (v ? 1 : 0) : v);
    }
    text += strings[i + 1] ?? '';
  });
  return { text, params, __sql: true };
}

/** A trusted SQL fragment (an identifier picked from a fixed allow-list, never user text). */
sql.raw = (text: string): SqlQuery => ({ text, params: [], __sql: true });

/** Join fragments with a separator: sql.join([a, b], ' AND '). */
sql.join = (parts: readonly SqlQuery[], separator: string): SqlQuery => ({
  text: parts.map((p) => p.text).join(separator),
  params: parts.flatMap((p) => p.params),
  __sql: true,
});

/** `IN (?, ?, ?)` for a non-empty list. */
sql.in = (values: readonly SqlValue[]): SqlQuery => {
  if (values.length === 0) return sql.raw('(NULL)');
  return { text: `(${values.map(() => '?').join(', ')})`, params: values, __sql: true };
};
