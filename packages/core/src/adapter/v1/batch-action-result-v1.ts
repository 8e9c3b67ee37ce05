/** What a stop or retry did: the targets the platform refused, with its reasons (empty when all were accepted). */
export interface BatchActionResultV1 {
  failures: { deviceId: string; code: string; message: string }[];
}
