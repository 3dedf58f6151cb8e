/**
 * Content negotiation for Tempo's trace by id, in the worker: Tempo answers protobuf when the
 * Accept header names `application/protobuf` (tempo pkg/api/http.go MarshalingFormatFromAcceptHeader
 * looks for that string first), with `Content-Type: application/protobuf`; an older Tempo or a
 * proxy that ignores the header answers JSON. The Content-Type decides: protobuf bytes are kept
 * and decoded whole once the last one has arrived (proto-decode.ts), anything else goes on to
 * the JSON parser unchanged.
 */
import type { BodySink } from '../http';
import { SourceError } from '../http';
import { decodeTempoProto, ProtoDecodeError, type TempoProtoMessage } from './proto-decode';

/** Protobuf first; JSON (Tempo's default) from a server or proxy that does not speak it. */
export const TEMPO_PROTOBUF_ACCEPT = 'application/protobuf, application/json;q=0.9';

export const isProtobufType = (type: string): boolean =>
  type === 'application/protobuf' || type === 'application/x-protobuf';

export interface NegotiatedBody {
  /** The sink for a successful answer of this Content-Type: its bytes when protobuf, else undefined. */
  readonly choose: (contentType: string) => BodySink | undefined;
  /** The decoded protobuf answer (the JSON path's object), or undefined when the answer was not protobuf. */
  readonly decoded: () => unknown;
}

/**
 * Collects a protobuf answer's bytes; `onFirstBytes` is called when the first ones arrive (for
 * progress). A malformed body becomes a 'bad-response' SourceError, as a body that is not JSON does.
 */
export function tempoProtoBody(
  message: TempoProtoMessage,
  sourceName: string,
  url: string,
  onFirstBytes: () => void,
): NegotiatedBody {
  let chunks: Uint8Array[] | undefined;
  let size = 0;
  return {
    choose: (contentType) => {
      if (!isProtobufType(contentType)) return undefined;
      const kept: Uint8Array[] = (chunks = []);
      return {
        bytes: (bytes) => {
          if (kept.length === 0) onFirstBytes();
          kept.push(bytes);
          size += bytes.byteLength;
        },
      };
    },
    decoded: () => {
      if (chunks === undefined) return undefined;
      const body = join(chunks, size);
      chunks = [];
      try {
        return decodeTempoProto(body, message);
      } catch (err) {
        if (!(err instanceof ProtoDecodeError)) throw err;
        throw new SourceError(
          'bad-response',
          `${sourceName} answered ${url.split('?')[0] ?? url} with protobuf Pathlight cannot read (${err.message}; ${size} bytes).`,
        );
      }
    },
  };
}

function join(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
