/**
 * Just enough of Kubernetes' protobuf encoding to read a SelfSubjectAccessReview: client-go's
 * typed clients (`kubectl auth can-i`) send that one as protobuf. Everything else arrives as JSON.
 */
type Fields = Map<number, (Buffer | number)[]>;

function readVarint(buf: Buffer, offset: number): [number, number] {
  let result = 0;
  let shift = 0;
  let pos = offset;
  for (;;) {
    if (pos >= buf.length) throw new Error("truncated varint");
    const byte = buf[pos++]!;
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7;
  }
}

function decode(buf: Buffer): Fields {
  const fields: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [tag, next] = readVarint(buf, pos);
    pos = next;
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    let value: Buffer | number;
    if (wire === 0) [value, pos] = readVarint(buf, pos);
    else if (wire === 2) {
      const [length, start] = readVarint(buf, pos);
      value = buf.subarray(start, start + length);
      pos = start + length;
    } else if (wire === 1) {
      value = buf.subarray(pos, pos + 8);
      pos += 8;
    } else if (wire === 5) {
      value = buf.subarray(pos, pos + 4);
      pos += 4;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
    fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}

const text = (fields: Fields, n: number) => {
  const v = fields.get(n)?.[0];
  return Buffer.isBuffer(v) ? v.toString("utf8") : undefined;
};
const message = (fields: Fields, n: number) => {
  const v = fields.get(n)?.[0];
  return Buffer.isBuffer(v) ? decode(v) : undefined;
};

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export function decodeSelfSubjectAccessReview(body: Buffer) {
  if (!body.subarray(0, 4).equals(MAGIC)) throw new Error("not a Kubernetes protobuf message");
  const unknown = decode(body.subarray(4));
  const raw = unknown.get(2)?.[0];
  if (!Buffer.isBuffer(raw)) throw new Error("protobuf envelope has no payload");
  const review = decode(raw);
  const spec = message(review, 2);
  const resource = spec ? message(spec, 1) : undefined;
  const nonResource = spec ? message(spec, 2) : undefined;
  const pick = (fields: Fields, names: string[]) =>
    Object.fromEntries(names.map((name, i) => [name, text(fields, i + 1)]).filter(([, v]) => v !== undefined && v !== ""));
  return {
    spec: {
      ...(resource ? { resourceAttributes: pick(resource, ["namespace", "verb", "group", "version", "resource", "subresource", "name"]) } : {}),
      ...(nonResource ? { nonResourceAttributes: pick(nonResource, ["path", "verb"]) } : {}),
    },
  };
}
