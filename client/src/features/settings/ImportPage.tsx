import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { DECISION_ROLES, STAGES, type DecisionRole, type Stage } from '../../../../shared/domain';
import { DEFAULT_ROLE_MAP, DEFAULT_STAGE_MAP, HUBSPOT_STAGE_MAP, IMPORT_FILES, IMPORT_MAX_BYTES, IMPORT_SOURCES, type ImportFile, type ImportSource } from '../../../../shared/import';
import { EnumSelect } from '../../components/EnumSelect';
import { useErrorText } from '../../lib/fieldErrors';
import { useTRPC, type RouterOutputs } from '../../lib/trpc';
import { useCurrentUser } from '../auth/useCurrentUser';
import './import.css';

type Result = RouterOutputs['import']['run'];
interface Picked {
  key: number;
  name: string;
  size: number;
  text: string;
  file: ImportFile;
}
type Row<T> = { key: number; from: string; to: T };

let nextKey = 1;
const rowsOf = <T,>(map: Readonly<Record<string, T>>): Row<T>[] => Object.entries(map).map(([from, to]) => ({ key: nextKey++, from, to }));
const recordOf = <T,>(rows: Row<T>[]) => Object.fromEntries(rows.filter((row) => row.from.trim() !== '').map((row) => [row.from.trim(), row.to]));
const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
/** A file's size as people read it: kB below a megabyte. */
const sizeParams = (bytes: number) => (bytes < 1024 * 1024 ? { key: 'import.kilobytes', kb: Math.max(1, Math.round(bytes / 1024)) } : { key: 'import.megabytes', mb: megabytes(bytes) });

/** Which file a name looks like: Salesforce's Account.csv, HubSpot's companies export, or plain words. */
function guessFile(name: string): ImportFile {
  const lower = name.toLowerCase();
  if (/contact.?role/.test(lower)) return 'contactRoles';
  if (/contact|people|person/.test(lower)) return 'contacts';
  if (/opportunit|deal/.test(lower)) return 'deals';
  return 'accounts';
}

/**
 * Settings › Import (SPEC §12): choose the source, drop the files, preview (a dry run
 * with counts and every row error), adjust the stage, role and owner mappings, import.
 */
export default function ImportPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const user = useCurrentUser();
  const users = useQuery(trpc.user.list.queryOptions());
  const ids = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [source, setSource] = useState<ImportSource>('salesforce');
  const [files, setFiles] = useState<Picked[]>([]);
  const [dragging, setDragging] = useState(false);
  const [stages, setStages] = useState<Row<Stage>[]>(() => rowsOf(DEFAULT_STAGE_MAP));
  const [roles, setRoles] = useState<Row<DecisionRole>[]>(() => rowsOf(DEFAULT_ROLE_MAP));
  const [owners, setOwners] = useState<Row<string>[]>([]);
  const [preview, setPreview] = useState<Result | null>(null);
  const [done, setDone] = useState<Result | null>(null);

  const run = useMutation(trpc.import.run.mutationOptions());
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  const tooBig = totalBytes > IMPORT_MAX_BYTES;
  const duplicateKinds = IMPORT_FILES.filter((kind) => files.filter((file) => file.file === kind).length > 1);

  const changed = () => {
    setPreview(null);
    setDone(null);
    run.reset();
  };
  const addFiles = async (list: FileList | null) => {
    if (!list) return;
    const picked = await Promise.all([...list].map(async (file) => ({ key: nextKey++, name: file.name, size: file.size, text: await file.text(), file: guessFile(file.name) })));
    setFiles((current) => [...current, ...picked]);
    changed();
  };
  const input = (dryRun: boolean) => ({
    source,
    files: Object.fromEntries(files.map((file) => [file.file, file.text])),
    mapping: { stages: recordOf(stages), roles: recordOf(roles), owners: recordOf(owners) },
    dryRun,
  });
  const submit = (dryRun: boolean) => {
    setDone(null);
    run.mutate(input(dryRun), {
      onSuccess: async (result) => {
        if (dryRun) setPreview(result);
        else if (result.written) {
          setDone(result);
          setPreview(null);
          await queryClient.invalidateQueries();
        } else setPreview(result);
      },
    });
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void addFiles(event.dataTransfer.files);
  };
  const errorTotal = preview ? Object.values(preview.files).reduce((sum, report) => sum + (report?.errors.length ?? 0), 0) : 0;
  const canImport = preview !== null && preview.dryRun && errorTotal === 0 && !run.isPending;

  if (user.role === 'rep') {
    return (
      <div className="page">
        <h1 className="page-title">{t('import.title')}</h1>
        <p className="muted">{t('import.managersOnly')}</p>
      </div>
    );
  }

  return (
    <div className="page import-page">
      <div className="page-head">
        <div>
          <p className="small">
            <Link to="/settings">← {t('settings.title')}</Link>
          </p>
          <h1 className="page-title">{t('import.title')}</h1>
          <p className="page-sub">{t('import.subtitle')}</p>
        </div>
      </div>

      <section className="card import-step" aria-labelledby={`${ids}-source`}>
        <h2 className="card-title" id={`${ids}-source`}>
          1. {t('import.source')}
        </h2>
        <div className="import-sources" role="radiogroup" aria-labelledby={`${ids}-source`}>
          {IMPORT_SOURCES.map((option) => (
            <label key={option} className={`import-source${source === option ? ' selected' : ''}`}>
              <input
                type="radio"
                name={`${ids}-source`}
                value={option}
                checked={source === option}
                onChange={() => {
                  setSource(option);
                  setStages(rowsOf(option === 'hubspot' ? { ...DEFAULT_STAGE_MAP, ...HUBSPOT_STAGE_MAP } : DEFAULT_STAGE_MAP));
                  changed();
                }}
              />
              <span>
                <strong>{t(`import.sourceName.${option}`)}</strong>
                <span className="muted small">{t(`import.sourceHint.${option}`)}</span>
              </span>
            </label>
          ))}
        </div>
      </section>

      <section className="card import-step" aria-labelledby={`${ids}-files`}>
        <h2 className="card-title" id={`${ids}-files`}>
          2. {t('import.files')}
        </h2>
        <div
          className={`import-drop${dragging ? ' dragging' : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="import-drop"
        >
          <p>{t('import.dropHere')}</p>
          <label className="btn">
            {t('import.chooseFiles')}
            <input ref={inputRef} type="file" accept=".csv,text/csv" multiple className="visually-hidden" data-testid="import-input" onChange={(event) => void addFiles(event.target.files).then(() => { if (inputRef.current) inputRef.current.value = ''; })} />
          </label>
          <p className="muted small">{t('import.limit', { mb: megabytes(IMPORT_MAX_BYTES) })}</p>
        </div>
        {files.length > 0 && (
          <ul className="import-files">
            {files.map((file) => (
              <li key={file.key}>
                <span className="import-file-name">{file.name}</span>
                <span className="muted small">{t(sizeParams(file.size).key, sizeParams(file.size))}</span>
                <label className="inline-field">
                  <span className="visually-hidden">{t('import.fileIs', { name: file.name })}</span>
                  <EnumSelect
                    values={IMPORT_FILES}
                    value={file.file}
                    label={(kind) => t(`import.kind.${kind}`)}
                    onChange={(kind) => {
                      setFiles(files.map((f) => (f.key === file.key ? { ...f, file: kind } : f)));
                      changed();
                    }}
                  />
                </label>
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={t('import.removeFile', { name: file.name })}
                  onClick={() => {
                    setFiles(files.filter((f) => f.key !== file.key));
                    changed();
                  }}
                >
                  {t('action.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        {tooBig && <p className="form-error">{t('import.tooBig', { mb: megabytes(totalBytes) })}</p>}
        {duplicateKinds.length > 0 && <p className="form-error">{t('import.twice', { kinds: duplicateKinds.map((kind) => t(`import.kind.${kind}`)).join(', ') })}</p>}
      </section>

      <section className="card import-step" aria-labelledby={`${ids}-mapping`}>
        <h2 className="card-title" id={`${ids}-mapping`}>
          3. {t('import.mappings')}
        </h2>
        <p className="muted small">{t('import.mappingsHint')}</p>
        <div className="import-mappings">
          <MappingTable
            title={t('import.stageMap')}
            fromLabel={t('import.theirStage')}
            toLabel={t('import.ourStage')}
            rows={stages}
            onChange={(rows) => {
              setStages(rows);
              changed();
            }}
            empty={'qualify' as Stage}
            renderTo={(value, onChange, label) => <EnumSelect aria-label={label} values={STAGES} value={value} onChange={onChange} label={(stage) => t(`stage.${stage}`)} />}
          />
          <MappingTable
            title={t('import.roleMap')}
            fromLabel={t('import.theirRole')}
            toLabel={t('import.ourRole')}
            rows={roles}
            onChange={(rows) => {
              setRoles(rows);
              changed();
            }}
            empty={'influencer' as DecisionRole}
            renderTo={(value, onChange, label) => <EnumSelect aria-label={label} values={DECISION_ROLES} value={value} onChange={onChange} label={(role) => t(`decisionRole.${role}`)} />}
            note={t('import.roleFallback')}
          />
          <MappingTable
            title={t('import.ownerMap')}
            fromLabel={t('import.theirOwner')}
            toLabel={t('import.ourOwner')}
            rows={owners}
            onChange={(rows) => {
              setOwners(rows);
              changed();
            }}
            empty=""
            renderTo={(value, onChange, label) => <input type="email" aria-label={label} value={value} list={`${ids}-users`} onChange={(event) => onChange(event.target.value)} />}
            note={t('import.ownerFallback')}
          />
          <datalist id={`${ids}-users`}>
            {(users.data ?? []).filter((u) => u.active).map((u) => (
              <option key={u.id} value={u.email}>
                {u.name}
              </option>
            ))}
          </datalist>
        </div>
      </section>

      <section className="card import-step" aria-labelledby={`${ids}-run`}>
        <h2 className="card-title" id={`${ids}-run`}>
          4. {t('import.previewAndImport')}
        </h2>
        <div className="import-actions">
          <button type="button" className="btn" disabled={files.length === 0 || tooBig || duplicateKinds.length > 0 || run.isPending} onClick={() => submit(true)} data-testid="import-preview">
            {t('import.preview')}
          </button>
          <button type="button" className="btn btn-primary" disabled={!canImport} onClick={() => submit(false)} data-testid="import-run">
            {t('import.run')}
          </button>
        </div>
        <div role="status" aria-live="polite">
          {run.isPending && (
            <div className="import-progress">
              <progress aria-label={t('import.workingLabel')} />
              <span>{t('import.working', { size: t(sizeParams(totalBytes).key, sizeParams(totalBytes)) })}</span>
            </div>
          )}
          {done && <p className="import-done" data-testid="import-done">{t('import.done')}</p>}
          {preview && !preview.dryRun && <p className="form-error">{t('import.nothingWritten')}</p>}
          {preview && preview.dryRun && <p className={errorTotal === 0 ? 'import-ok' : 'form-error'}>{errorTotal === 0 ? t('import.previewOk') : t('import.previewErrors', { count: errorTotal })}</p>}
        </div>
        {run.isError && <p className="form-error">{errorText(run.error)}</p>}
        {(done ?? preview) && <Report result={(done ?? preview)!} />}
      </section>
    </div>
  );
}

function MappingTable<T extends string>({
  title,
  fromLabel,
  toLabel,
  rows,
  onChange,
  empty,
  renderTo,
  note,
}: {
  title: string;
  fromLabel: string;
  toLabel: string;
  rows: Row<T>[];
  onChange: (rows: Row<T>[]) => void;
  empty: T;
  renderTo: (value: T, onChange: (value: T) => void, label: string) => ReactNode;
  note?: string;
}) {
  const { t } = useTranslation();
  const set = (key: number, patch: Partial<Row<T>>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  return (
    <details className="import-map">
      <summary>
        {title} <span className="muted small">({rows.length})</span>
      </summary>
      {note && <p className="muted small">{note}</p>}
      <table className="table import-map-table">
        <thead>
          <tr>
            <th scope="col">{fromLabel}</th>
            <th scope="col">{toLabel}</th>
            <th scope="col">
              <span className="visually-hidden">{t('users.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.key}>
              <td>
                <input aria-label={`${fromLabel} ${index + 1}`} value={row.from} onChange={(event) => set(row.key, { from: event.target.value })} />
              </td>
              <td>{renderTo(row.to, (to) => set(row.key, { to }), `${toLabel} ${index + 1}`)}</td>
              <td>
                <button type="button" className="btn btn-small" aria-label={t('import.removeRow', { name: row.from || index + 1 })} onClick={() => onChange(rows.filter((r) => r.key !== row.key))}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="btn btn-small" onClick={() => onChange([...rows, { key: nextKey++, from: '', to: empty }])}>
        {t('import.addRow')}
      </button>
    </details>
  );
}

function Report({ result }: { result: Result }) {
  const { t } = useTranslation();
  return (
    <div className="import-report" data-testid="import-report">
      <table className="table import-counts">
        <caption className="visually-hidden">{t('import.counts')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.file')}</th>
            <th scope="col" className="num">{t('import.rows')}</th>
            <th scope="col" className="num">{t('import.created')}</th>
            <th scope="col" className="num">{t('import.updated')}</th>
            <th scope="col" className="num">{t('import.unchanged')}</th>
            <th scope="col" className="num">{t('import.errors')}</th>
          </tr>
        </thead>
        <tbody>
          {IMPORT_FILES.filter((file) => result.files[file]).map((file) => {
            const report = result.files[file]!;
            return (
              <tr key={file}>
                <th scope="row">{t(`import.kind.${file}`)}</th>
                <td className="num">{report.rows}</td>
                <td className="num">{report.created}</td>
                <td className="num">{report.updated}</td>
                <td className="num">{report.unchanged}</td>
                <td className={`num${report.errors.length > 0 ? ' import-bad' : ''}`}>{report.errors.length}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {IMPORT_FILES.filter((file) => (result.files[file]?.errors.length ?? 0) > 0).map((file) => (
        <div key={file} className="import-errors">
          <h3>{t('import.errorsIn', { file: t(`import.kind.${file}`) })}</h3>
          <table className="table" data-testid={`import-errors-${file}`}>
            <thead>
              <tr>
                <th scope="col" className="num">{t('import.row')}</th>
                <th scope="col">{t('import.column')}</th>
                <th scope="col">{t('import.message')}</th>
              </tr>
            </thead>
            <tbody>
              {result.files[file]!.errors.map((error, i) => (
                <tr key={i}>
                  <td className="num">{error.row === 0 ? t('import.wholeFile') : error.row}</td>
                  <td>
                    <code>{error.column}</code>
                  </td>
                  <td lang="en">{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
