// A manager's team dashboard, typed by the generated operation types.
// 主管团队看板示例：使用生成的操作类型。
import type {
  MetricKey,
  TeamDashboardQuery,
  TeamDashboardQueryVariables,
} from "../generated/operations";
import teamDashboard from "../operations/manager-team-dashboard.graphql";

/** A GraphQL error as coachloop sends it: `extensions.code` is one of the README's error codes. */
export interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; correlationId?: string };
}

export class GraphQLRequestError extends Error {
  constructor(readonly errors: GraphQLErrorBody[]) {
    super(errors.map((error) => `${error.extensions?.code ?? "ERROR"}: ${error.message}`).join("; "));
  }
}

/** POST one operation with a bearer token; returns `data` or throws with the error codes. */
export async function request<TData, TVariables>(
  endpoint: string,
  token: string,
  query: string,
  variables: TVariables,
  language: "zh-CN" | "en" = "zh-CN",
): Promise<TData> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json",
      "accept-language": language,
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: TData | null; errors?: GraphQLErrorBody[] };
  if (body.errors?.length || body.data == null) {
    throw new GraphQLRequestError(body.errors ?? [{ message: `HTTP ${response.status}` }]);
  }
  return body.data;
}

/** One line of a chart: a metric's value per local day, null where the denominator is empty. */
export interface Series {
  key: MetricKey;
  label: string;
  points: Array<{ day: string; value: number | null; sampleSize: number }>;
}

/** Turn the dashboard's rows (one per day) into one series per metric, labelled in the chosen language. */
export function seriesOf(data: TeamDashboardQuery, language: "zh-CN" | "en"): Series[] {
  const labels = new Map(
    data.metricCatalogue.map((metric) => [metric.key, language === "en" ? metric.labelEn : metric.labelZh]),
  );
  const series = new Map<MetricKey, Series>();
  for (const row of data.dailyKpis) {
    if (row.bucket === null || row.suppressed) continue;
    for (const value of row.values) {
      const line = series.get(value.key) ?? { key: value.key, label: labels.get(value.key) ?? value.key, points: [] };
      line.points.push({ day: row.bucket, value: value.value, sampleSize: value.sampleSize });
      series.set(value.key, line);
    }
  }
  return [...series.values()];
}

/** A team as `teams { id externalId }` returns it: the global id, and the id of the event contract. */
export interface TeamRef {
  id: string;
  externalId: string;
}

/** Load March 2026 for one team and return its chart series. */
export async function loadTeamDashboard(endpoint: string, token: string, team: TeamRef): Promise<Series[]> {
  const variables: TeamDashboardQueryVariables = { team: team.id, teamId: team.externalId, from: "2026-03-01", to: "2026-04-01" };
  const data = await request<TeamDashboardQuery, TeamDashboardQueryVariables>(endpoint, token, teamDashboard, variables);
  const stale = data.dailyKpis.some((row) => row.freshness.importInProgress);
  if (stale) console.warn("A bulk import is in progress: figures are as of before it.");
  return seriesOf(data, "en");
}
