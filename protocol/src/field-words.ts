/**
 * Errors in the words of the interface that received the call. An SDK error names the option it is
 * about in `details.field`, and `details.fieldPhrase` is the part of its message that names it;
 * a preflight error carries one such entry per problem in `details.problems`, and a message naming
 * several options lists the others in `details.fields` ([{ field, fieldPhrase }]). Each interface (the
 * RPC layer for its params, the CLI for its flags) swaps the phrase for its own name.
 */

/** Field → the name this interface uses for it (a param, a flag). */
export type FieldNames = Record<string, string>;

interface Worded {
  message: string;
  field?: string;
  fieldPhrase?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function reword<T extends Worded>(item: T, names: FieldNames): T {
  const name = item.field ? names[item.field] : undefined;
  if (!name || !item.fieldPhrase || !item.message.includes(item.fieldPhrase)) return item;
  // The last mention is the advice ("pass X"); earlier ones may be a file name that happens to match.
  const at = item.message.lastIndexOf(item.fieldPhrase);
  const message = item.message.slice(0, at) + name + item.message.slice(at + item.fieldPhrase.length);
  return { ...item, message, field: name, fieldPhrase: name };
}

/**
 * The message and details of an error, reworded with `names`. Fields without a name here stay as
 * they are (they are already the caller's words). Returns the inputs unchanged when nothing applies.
 */
export function inFieldWords(message: string, details: unknown, names: FieldNames): { message: string; details: unknown } {
  if (!isObject(details)) return { message, details };
  const top = reword({ message, ...(typeof details.field === 'string' ? { field: details.field } : {}), ...(typeof details.fieldPhrase === 'string' ? { fieldPhrase: details.fieldPhrase } : {}) }, names);
  let out = { message: top.message, details: { ...details, ...(top.field ? { field: top.field, fieldPhrase: top.fieldPhrase } : {}) } as Record<string, unknown> };
  if (Array.isArray(details.fields)) {
    const fields = details.fields.map((f: unknown) => {
      if (!isObject(f) || typeof f.field !== 'string' || typeof f.fieldPhrase !== 'string') return f;
      const worded = reword({ message: out.message, field: f.field, fieldPhrase: f.fieldPhrase }, names);
      out.message = worded.message;
      return { field: worded.field, fieldPhrase: worded.fieldPhrase };
    });
    out.details.fields = fields;
  }
  if (Array.isArray(details.problems)) {
    const problems = details.problems.map((p: unknown) => (isObject(p) && typeof p.message === 'string' ? reword(p as unknown as Worded, names) : p));
    let text = out.message;
    details.problems.forEach((p: unknown, i: number) => {
      const before = isObject(p) ? p.message : undefined;
      const after = (problems[i] as Worded | undefined)?.message;
      if (typeof before === 'string' && after && before !== after) text = text.split(before).join(after);
    });
    out = { message: text, details: { ...out.details, problems } };
  }
  return out;
}
