// The network dialogs' state and the only place they reach the backend: one flow per dialog (create,
// remove, prune), made when the dialog opens, holding what the backend answered and the run in progress.
// The dialogs render these stores and call these actions; they never call a command themselves.
// It must not judge a form or a filter: every rule and message is the backend's.
import { get, writable, type Readable, type Writable } from "svelte/store";

import { latestRequest, readonlyAll } from "../shared/stores";

import type {
  AppError,
  CreatePlanDto,
  DriverChoiceDto,
  NetworkSpecDto,
  OutcomeDto,
  ProblemDto,
  PruneFiltersDto,
  PrunePreviewDto,
  RemovePlanDto,
  ReportDto,
  Result,
} from "../backend";
import type { NetworksBackend } from "./types";

/** How long typing must pause before the create form is checked again. */
export const CREATE_DEBOUNCE_MS = 150;

export interface CreateFlow {
  /** The drivers this engine offers (with what each is for, and why some cannot be chosen). */
  drivers: Readable<DriverChoiceDto[]>;
  optionsError: Readable<AppError | null>;
  /** The backend's answer to the latest checked form. */
  plan: Readable<CreatePlanDto | null>;
  planError: Readable<AppError | null>;
  /** The form (as `specKey`) the shown plan was made for. */
  plannedFor: Readable<string>;
  submitting: Readable<boolean>;
  submitError: Readable<AppError | null>;
  loadOptions(): Promise<void>;
  /** Checks the form after a quiet spell; returns the cancel for a form that changed again meanwhile. */
  check(spec: NetworkSpecDto): () => void;
  /** Creates; on a refusal the plan shows its problems, if the form is `unchanged()` since. */
  submit(spec: NetworkSpecDto, unchanged: () => boolean): Promise<OutcomeDto | null>;
}

/** The key a form is compared by (what was planned vs what is typed). */
export const specKey = (spec: NetworkSpecDto): string => JSON.stringify(spec);

export function createFlow(api: NetworksBackend, debounceMs = CREATE_DEBOUNCE_MS): CreateFlow {
  const drivers = writable<DriverChoiceDto[]>([]);
  const optionsError = writable<AppError | null>(null);
  const plan = writable<CreatePlanDto | null>(null);
  const planError = writable<AppError | null>(null);
  const plannedFor = writable("");
  const submitting = writable(false);
  const submitError = writable<AppError | null>(null);
  let planSeq = 0;

  return {
    ...readonlyAll({ drivers, optionsError, plan, planError, plannedFor, submitting, submitError }),

    async loadOptions() {
      const r = await api.createOptions();
      if (r.status === "ok") drivers.set(r.data.drivers);
      else optionsError.set(r.error);
    },

    check(spec) {
      const key = specKey(spec);
      const seq = ++planSeq;
      const timer = setTimeout(async () => {
        const r = await api.planCreate(spec);
        // A slower answer to an older form must not overwrite the answer to the newer one.
        if (seq !== planSeq) return;
        if (r.status === "ok") {
          plan.set(r.data);
          planError.set(null);
        } else planError.set(r.error);
        plannedFor.set(key);
      }, debounceMs);
      return () => clearTimeout(timer);
    },

    async submit(spec, unchanged) {
      submitting.set(true);
      submitError.set(null);
      const r = await api.createNetwork(spec);
      submitting.set(false);
      if (r.status === "ok") return r.data;
      submitError.set(r.error);
      // Refused after all (someone took the name meanwhile): its problems by field until the next edit.
      const shown = get(plan);
      const problems = problemsOf(r.error);
      if (problems.length > 0 && shown && unchanged()) {
        plan.set({ ...shown, problems });
      }
      return null;
    },
  };
}

/** Runs a removal (remove or prune): `running` while it runs, then its report, or its error and null. */
async function runRemoval(
  remove: () => Promise<Result<ReportDto, AppError>>,
  running: Writable<boolean>,
  error: Writable<AppError | null>,
  report: Writable<ReportDto | null>,
): Promise<ReportDto | null> {
  running.set(true);
  error.set(null);
  const r = await remove();
  running.set(false);
  if (r.status === "ok") {
    report.set(r.data);
    return r.data;
  }
  error.set(r.error);
  return null;
}

export interface RemoveFlow {
  plan: Readable<RemovePlanDto | null>;
  error: Readable<AppError | null>;
  running: Readable<boolean>;
  /** What the remove did, once it ran. */
  report: Readable<ReportDto | null>;
  load(): Promise<void>;
  /** Removes these networks (the plan's removable ones); the report, or null when it failed. */
  confirm(networkIds: string[]): Promise<ReportDto | null>;
}

export function removeFlow(api: NetworksBackend, networkIds: string[]): RemoveFlow {
  const plan = writable<RemovePlanDto | null>(null);
  const error = writable<AppError | null>(null);
  const running = writable(false);
  const report = writable<ReportDto | null>(null);
  return {
    ...readonlyAll({ plan, error, running, report }),

    async load() {
      const r = await api.planRemove(networkIds);
      if (r.status === "ok") plan.set(r.data);
      else error.set(r.error);
    },

    confirm: (ids) => runRemoval(() => api.removeNetworks(ids), running, error, report),
  };
}

export interface PruneFlow {
  preview: Readable<PrunePreviewDto | null>;
  /** The filters the shown preview was made with. */
  previewedWith: Readable<PruneFiltersDto | null>;
  /** Previewed networks the person unticked (kept); a new preview ticks everything again. */
  unticked: Readable<ReadonlySet<string>>;
  loading: Readable<boolean>;
  running: Readable<boolean>;
  error: Readable<AppError | null>;
  report: Readable<ReportDto | null>;
  runPreview(filters: PruneFiltersDto): Promise<void>;
  toggle(id: string, ticked: boolean): void;
  /** Removes exactly these previewed networks; the report, or null when it failed. */
  confirm(networkIds: string[]): Promise<ReportDto | null>;
}

export function pruneFlow(api: NetworksBackend): PruneFlow {
  const preview = writable<PrunePreviewDto | null>(null);
  const previewedWith = writable<PruneFiltersDto | null>(null);
  const unticked = writable<ReadonlySet<string>>(new Set());
  const loading = writable(false);
  const running = writable(false);
  const error = writable<AppError | null>(null);
  const report = writable<ReportDto | null>(null);
  const latest = latestRequest(loading, error);
  return {
    ...readonlyAll({ preview, previewedWith, unticked, loading, running, error, report }),

    async runPreview(filters) {
      const r = await latest(() => api.prunePreview(filters));
      if (r?.status === "ok") {
        preview.set(r.data);
        previewedWith.set(filters);
        unticked.set(new Set());
      }
    },

    toggle(id, ticked) {
      unticked.update((old) => {
        const next = new Set(old);
        if (ticked) next.delete(id);
        else next.add(id);
        return next;
      });
    },

    confirm: (ids) => runRemoval(() => api.pruneNetworks(ids), running, error, report),
  };
}

/** The problems an error carries (a refusal's), or none. */
export const problemsOf = (error: AppError | null): ProblemDto[] => error?.problems ?? [];
