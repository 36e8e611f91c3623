// Microsoft's own JSON schemas for the manifest and its localization files, as shipped in
// @microsoft/app-manifest (the Teams Toolkit's manifest package; draft-04 schemas): a second,
// independent check beside our zod schema, which only knows the fields we use.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { MANIFEST_VERSION } from './schema';

export type OfficialSchema = 'manifest' | 'localization';

const FILES: Record<OfficialSchema, string> = {
  manifest: 'MicrosoftTeams.schema.json',
  localization: 'MicrosoftTeams.Localization.schema.json',
};

const compiled = new Map<OfficialSchema, ValidateFunction>();

function validator(kind: OfficialSchema): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    const dir = join(
      dirname(require.resolve('@microsoft/app-manifest/package.json')),
      'build',
      'json-schemas',
      'teams',
      `v${MANIFEST_VERSION}`,
    );
    const schema = JSON.parse(readFileSync(join(dir, FILES[kind]), 'utf8')) as object;
    const ajv = new Ajv({
      allErrors: true,
      strict: false, // Microsoft's patterns are not valid with the u flag.
      unicodeRegExp: false,
    });
    addFormats(ajv);
    validate = ajv.compile(schema);
    compiled.set(kind, validate);
  }
  return validate;
}

/** What Microsoft's schema for this manifest version says is wrong with `data`; [] when it conforms. */
export function officialSchemaProblems(kind: OfficialSchema, fileName: string, data: unknown): string[] {
  const validate = validator(kind);
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` (${(e.params as { additionalProperty?: string }).additionalProperty})`
        : '';
    return (
      `${fileName}: ${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${extra} [Microsoft schema ` +
      `v${MANIFEST_VERSION}]`
    );
  });
}
