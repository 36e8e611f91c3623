// The seed file of the directory (env/directory.<env>.yaml): people with name, Entra object id,
// organisation and roles. Validated whole; a bad file is refused with the line of each problem.
import { parseDocument, LineCounter } from 'yaml';
import { z } from 'zod';
import { Person } from './person';

export const DirectoryFile = z
  .object({
    people: z.array(Person).min(1),
  })
  .passthrough()
  .superRefine((f, ctx) => {
    const seen = new Map<string, number>();
    f.people.forEach((p, i) => {
      const before = seen.get(p.aadObjectId);
      if (before !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['people', i, 'aadObjectId'],
          message: `aadObjectId ${p.aadObjectId} is also used by people[${before}]`,
        });
      seen.set(p.aadObjectId, i);
    });
  });
export type DirectoryFile = z.infer<typeof DirectoryFile>;

export type DirectoryParse = { ok: true; people: Person[] } | { ok: false; problems: string[] };

export function parseDirectoryYaml(text: string, fileName = 'directory'): DirectoryParse {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) return { ok: false, problems: doc.errors.map((e) => `${fileName}: ${e.message}`) };
  const parsed = DirectoryFile.safeParse(doc.toJS());
  if (parsed.success) return { ok: true, people: parsed.data.people };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const node = doc.getIn(issue.path as Array<string | number>, true) as { range?: [number, number] } | undefined;
      const at = node?.range ? `:${lines.linePos(node.range[0]).line}` : '';
      return `${fileName}${at}: ${issue.path.join('.') || '(file)'}: ${issue.message}`;
    }),
  };
}
