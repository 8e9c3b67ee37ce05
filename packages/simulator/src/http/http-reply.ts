/** What a route answers: a status, an optional JSON body and extra headers. Thrown or returned. */
export class HttpReply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}
