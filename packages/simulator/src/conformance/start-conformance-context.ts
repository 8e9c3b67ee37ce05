import {
  type ConformanceSimulator,
  type ConformanceTarget,
  startConformanceSimulator,
} from './start-conformance-simulator.js';

/** The platform and authentication a conformance context is for: v5 on a token, v5 on AK/SK signing, legacy. */
export type ConformanceApi = 'v5' | 'v5-aksk' | 'legacy';

/**
 * The adapter settings the simulator can fill in, per {@link ConformanceApi}, in the shape of the adapters'
 * own settings (`V5AdapterSettings`, `LegacyAdapterSettings`; written out here: the simulator imports no
 * fleetcast package).
 */
export interface ConformanceAdapterSettings {
  v5: { endpoint: string; projectId: string; token: string; fetch?: typeof globalThis.fetch };
  'v5-aksk': {
    endpoint: string;
    projectId: string;
    credentials: { accessKey: string; secretKey: string; securityToken?: string };
    region: string;
  };
  legacy: { endpoint: string; appId: string; secret: string };
}

/**
 * The part of an adapter (`AdapterV1` of `@fleetcast/core`) this helper touches: it closes the adapter on
 * teardown and, for legacy's request faults, wraps `doCreateTask`.
 */
export interface ConformanceAdapter {
  doCreateTask(options: never): Promise<unknown>;
  close(): unknown;
}

/** What a fault hands the suite: the adapter to make the failing call with. */
export interface ConformanceAdapterFault<A> {
  adapter: A;
}

/**
 * A whole adapter conformance context (`AdapterConformanceContext` of `@fleetcast/core/testing`): the
 * platform half of {@link ConformanceSimulator}, the adapter, every fault the platform documents a code for,
 * and a teardown that closes the adapter and then the simulator.
 */
export interface ConformanceContext<A> extends Omit<ConformanceSimulator, 'injectFault'> {
  readonly adapter: A;
  readonly injectFault: ConformanceSimulator['injectFault'] & {
    auth(): ConformanceAdapterFault<A>;
    invalidInput?(): ConformanceAdapterFault<A>;
    notFound?(): ConformanceAdapterFault<A>;
    nameExists?(): ConformanceAdapterFault<A>;
  };
}

// The task plan as far as the legacy faults change it (`TaskPlan` of `@fleetcast/core`).
type ConformanceTask = Record<string, unknown>;
type CreateTask = (options: { task: ConformanceTask }) => Promise<unknown>;

/**
 * Starts a simulator for one API and the adapter under test on it: the ready context of
 * `describeAdapterConformance` from `@fleetcast/core/testing`. `createAdapter` receives the settings the
 * simulator fills in (endpoint, IDs, credentials) and is called again for the faults that need another
 * adapter (a wrong credential; on v5, a request body the adapter's own checks would refuse).
 *
 * Faults: throttle, 5xx and reset connection on every API; `auth` (a wrong credential) on every API;
 * `invalidInput` on v5 token auth (a body changed after signing is a bad signature, so not on AK/SK);
 * `taskLimit`, `invalidInput`, `notFound` and `nameExists` on legacy, which answers each with a code on
 * HTTP 200. v5 documents no code for a task limit, an unknown group or a name in use.
 *
 * @example
 * describeAdapterConformance({
 *   name: 'legacy adapter against the simulator',
 *   setup: () => startConformanceContext('legacy', createLegacyAdapter),
 * });
 */
export async function startConformanceContext<Api extends ConformanceApi, A extends ConformanceAdapter>(
  api: Api,
  createAdapter: (settings: ConformanceAdapterSettings[Api]) => A,
): Promise<ConformanceContext<A>> {
  const platform = await startConformanceSimulator(api === 'legacy' ? 'legacy' : 'v5');
  const { simulator } = platform;
  const { url: endpoint, credentials } = simulator;
  // Each branch builds the settings of its own API; the casts only tell TypeScript which one `Api` is.
  const adapterFor = (settings: ConformanceAdapterSettings[ConformanceApi]) =>
    createAdapter(settings as ConformanceAdapterSettings[Api]);
  let adapter: A;
  let secrets: readonly string[];
  let faults: Omit<ConformanceContext<A>['injectFault'], keyof ConformanceSimulator['injectFault']>;
  if (api === 'v5') {
    const v5 = (token = credentials.v5.token, fetch?: typeof globalThis.fetch) =>
      adapterFor({ endpoint, projectId: credentials.v5.projectId, token, ...(fetch ? { fetch } : {}) });
    adapter = v5();
    secrets = platform.secrets;
    faults = {
      auth: () => ({ adapter: v5('revoked-token-000') }),
      // The platform checks app_id's pattern, which the adapter's own setting check would refuse first.
      invalidInput: () => ({ adapter: v5(undefined, withRequestBody({ app_id: 'not a resource space!' })) }),
    };
  } else if (api === 'v5-aksk') {
    // Every request signed with temporary AK/SK keys (derived V11-HMAC-SHA256, the only algorithm the
    // simulator then accepts, as a standard/enterprise instance would).
    simulator.configure({ v5Signing: 'V11-HMAC-SHA256' });
    const { temporary } = credentials.v5;
    const aksk = (secretKey = temporary.secretKey) =>
      adapterFor({
        endpoint,
        projectId: credentials.v5.projectId,
        credentials: { ...temporary, secretKey },
        region: 'cn-north-4',
      });
    adapter = aksk();
    secrets = [temporary.accessKey, temporary.secretKey, temporary.securityToken];
    faults = { auth: () => ({ adapter: aksk('a-wrong-secret-key-000') }) };
  } else {
    const legacy = (secret = credentials.legacy.secret) =>
      adapterFor({ endpoint, appId: credentials.legacy.appId, secret });
    const created = legacy();
    adapter = created;
    secrets = platform.secrets;
    const create = created.doCreateTask.bind(created) as unknown as CreateTask;
    // The same adapter, but its next create sends `change(task)`: for faults only the request can cause.
    const withTask = (change: (task: ConformanceTask) => ConformanceTask) => ({
      adapter: {
        ...created,
        doCreateTask: ({ task, ...options }: { task: ConformanceTask }) =>
          create({ task: change(task), ...options }),
      } as A,
    });
    faults = {
      auth: () => ({ adapter: legacy('wrong-secret-0000') }),
      // The platform checks device IDs against letters, digits, _ and -.
      invalidInput: () => withTask((task) => ({ ...task, kind: 'explicit', deviceIds: ['not a device!'] })),
      // 101001 with HTTP 200: a group name the platform does not know.
      notFound: () =>
        withTask((task) => ({
          ...task,
          kind: 'native',
          target: { type: 'GroupList', groupNames: ['no_such_group'] } satisfies ConformanceTarget,
        })),
      // 105002 with HTTP 200: the same name twice.
      nameExists: () => ({
        adapter: {
          ...created,
          doCreateTask: async (options: { task: ConformanceTask }) => {
            await create(options);
            return create(options);
          },
        } as A,
      }),
    };
  }
  return {
    ...platform,
    adapter,
    secrets,
    injectFault: { ...platform.injectFault, ...faults },
    async teardown() {
      await adapter.close();
      await platform.teardown();
    },
  };
}

/**
 * A fetch that merges `fields` into every POST's JSON body on the way out: for a fault only the request can
 * cause, where the adapter's own checks would refuse the value as a setting.
 */
function withRequestBody(fields: Record<string, unknown>): typeof globalThis.fetch {
  return (url, init) =>
    globalThis.fetch(
      url,
      init?.method === 'POST' && typeof init.body === 'string'
        ? { ...init, body: JSON.stringify({ ...JSON.parse(init.body), ...fields }) }
        : init,
    );
}
