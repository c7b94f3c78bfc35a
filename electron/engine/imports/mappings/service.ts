/**
 * Column mapping profiles: read a CSV file's header and first rows with suggested roles, dry-run an
 * unsaved profile over the first rows, save / list / remove profiles, and hand the import pipeline the
 * importers of the saved ones (`importersWithProfiles`, consulted at identify time).
 */
import { english } from '../../../../shared/i18n/english';
import { said } from '../../../../shared/i18n/said';
import { saidError } from '../../said-error';
import type { MappingPreview, MappingPreviewRow, MappingSuggestion } from '../../../../shared/contract/api/mappings';
import { DELIMITERS, headerKey, mappingProblems, suggestRoles, type Delimiter, type MappingProfile, type MappingProfileDraft } from '../../../../shared/domain/csv-mapping';
import { formatAmount } from '../../../../shared/domain/money';
import type { WritableDb } from '../../ledger/db';
import {
  listMappingProfiles,
  mappingProfileByName,
  mappingProfileById,
  mappingProfileForHeader,
  removeMappingProfile,
  saveMappingProfile,
} from './store';
import { readCsvRecords } from '../../importers/kit/csv';
import { decodeChunks, headFromBytes, headFromText, openTextSource, readFileHeadSync } from '../../importers/kit/decode';
import { profileImporter, profileImporters } from './profile-importer';
import { importers as builtInImporters } from '../../importers/registry';
import { identify } from '../identify';
import type { FileHead, Importer, TextSource } from '../../importers/types';
import { invalidFact, rowMessage } from '../parse';
import { normalizeDraft } from '../normalize';

/** Every built-in format, then the saved profiles (which claim a file only when no built-in one does). */
export function importersWithProfiles(db: WritableDb): Importer[] {
  return [...builtInImporters, ...profileImporters(listMappingProfiles(db))];
}

export type MappingFileSource = { path?: string | undefined; file?: { name: string; contentBase64: string } | undefined };

interface OpenedFile {
  head: FileHead;
  text(): TextSource;
}

async function openFile(source: MappingFileSource): Promise<OpenedFile> {
  if (source.file) {
    const bytes = Buffer.from(source.file.contentBase64, 'base64');
    const head = headFromBytes(source.file.name, bytes);
    return { head, text: () => decodeChunks([bytes], head.encoding) };
  }
  const path = source.path!;
  let head: FileHead;
  try {
    head = readFileHeadSync(path, path);
  } catch {
    throw saidError('NOT_FOUND', 'engine.error.noSuchFile', { path }, { path });
  }
  return { head, text: () => openTextSource(path, head.encoding) };
}

function csvHeaderOf(head: FileHead): { header: string[]; delimiter: Delimiter } {
  if (!head.csvHeader || !head.delimiter || !(DELIMITERS as readonly string[]).includes(head.delimiter)) {
    throw saidError('VALIDATION', 'engine.error.mappingNotCsv', { file: head.fileName });
  }
  return { header: head.csvHeader, delimiter: head.delimiter as Delimiter };
}

const SUGGEST_ROWS = 10;

export async function suggestMapping(db: WritableDb, source: MappingFileSource): Promise<MappingSuggestion> {
  const file = await openFile(source);
  const { header, delimiter } = csvHeaderOf(file.head);
  const rows: string[][] = [];
  let first = true;
  for await (const rec of readCsvRecords(file.text(), delimiter)) {
    if (first) {
      first = false;
      continue;
    }
    if (rec.error) break;
    rows.push(rec.fields);
    if (rows.length >= SUGGEST_ROWS) break;
  }
  const found = identify(file.head, importersWithProfiles(db));
  return {
    fileName: file.head.fileName,
    header,
    delimiter,
    encoding: file.head.encoding,
    rows,
    suggested: suggestRoles(header, rows, delimiter),
    claimedBy: found.kind === 'importer' ? { id: found.importer.id, label: found.importer.label } : null,
  };
}

export async function previewMapping(source: MappingFileSource, draft: MappingProfileDraft, limit: number): Promise<MappingPreview> {
  const saids = mappingProblems(draft);
  const file = await openFile(source);
  const { header, delimiter } = csvHeaderOf(file.head);
  if (headerKey(header, delimiter) !== headerKey(draft.header, draft.delimiter)) {
    saids.push(said('engine.mapping.otherHeader', { file: file.head.fileName }));
  }
  const problems = saids.map(english);
  if (problems.length > 0) return { problems, problemsSaid: saids, rows: [], issues: [], rowsRead: 0 };
  const importer = profileImporter(draft);
  const rows: MappingPreviewRow[] = [];
  const issues: MappingPreview['issues'] = [];
  let rowsRead = 0;
  for await (const r of importer.parse(file.text(), { fileName: file.head.fileName, encoding: file.head.encoding, delimiter })) {
    rowsRead++;
    if (r.kind === 'error') issues.push({ line: r.line, field: r.field, ...rowMessage(r.said) });
    else if (r.kind === 'fact') {
      const bad = invalidFact(r.fact);
      if (bad) issues.push({ line: r.line, field: bad.field, ...rowMessage(bad.said) });
      else {
        const f = normalizeDraft(r.fact, r.line);
        rows.push({
          line: r.line,
          start: new Date(f.start).toISOString(),
          end: new Date(f.end).toISOString(),
          provider: f.provider,
          modelRaw: f.modelRaw,
          model: f.model,
          tokens: { ...f.tokens },
          requests: f.requests,
          billed: f.billed ? formatAmount(f.billed.nano) : null,
          currency: f.billed?.currency ?? null,
          project: f.project,
          apiKey: f.apiKey,
          member: f.member,
          account: f.account,
          identity: f.identity,
        });
      }
    }
    if (rows.length + issues.length >= limit) break;
  }
  return { problems, problemsSaid: saids, rows, issues, rowsRead };
}

/** The header as one CSV line (cells quoted when they need it), to ask the built-in formats about it. */
function headerLine(header: readonly string[], delimiter: string): string {
  return header.map((h) => (h.includes(delimiter) || h.includes('"') ? `"${h.replace(/"/g, '""')}"` : h)).join(delimiter);
}

export function saveMapping(db: WritableDb, input: MappingProfileDraft & { id?: number | undefined }, now: number): MappingProfile {
  const draft: MappingProfileDraft & { id?: number | undefined } = { ...input, name: input.name.trim() };
  const saids = mappingProblems(draft);
  if (saids.length > 0) throw saidError('VALIDATION', 'engine.error.mappingCannotSave', { problems: { list: saids } }, { problems: saids.map(english) });
  if (draft.id !== undefined && !mappingProfileById(db, draft.id)) throw saidError('NOT_FOUND', 'engine.error.noMapping', { id: draft.id });
  const head = headFromText('header', `${headerLine(draft.header, draft.delimiter)}\n`, 'utf-8');
  const builtIn = identify(head, builtInImporters);
  if (builtIn.kind === 'importer') {
    throw saidError('CONFLICT', 'engine.error.mappingBuiltIn', { label: builtIn.importer.label }, { format: builtIn.importer.id });
  }
  const sameHeader = mappingProfileForHeader(db, draft.header, draft.delimiter);
  if (sameHeader && sameHeader.id !== draft.id) {
    throw saidError('CONFLICT', 'engine.error.mappingSameHeader', { name: sameHeader.name }, { id: sameHeader.id });
  }
  const sameName = mappingProfileByName(db, draft.name);
  if (sameName && sameName.id !== draft.id) {
    throw saidError('CONFLICT', 'engine.error.mappingNameTaken', { name: sameName.name }, { id: sameName.id });
  }
  return saveMappingProfile(db, draft, now);
}

export function listMappings(db: WritableDb): MappingProfile[] {
  return listMappingProfiles(db);
}

export function removeMapping(db: WritableDb, id: number): { removed: boolean } {
  if (!removeMappingProfile(db, id)) throw saidError('NOT_FOUND', 'engine.error.noMapping', { id });
  return { removed: true };
}
