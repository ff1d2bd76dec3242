// What the release build's wasm steps (scripts/short-imports.mjs,
// scripts/order-functions.mjs) need of the binary format: LEB128, a cursor,
// and finding or replacing a section. Each step names itself in the errors
// it throws (`what`).

/** Unsigned LEB128. */
export function uleb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}

/** A wasm name (a length and UTF-8 bytes). */
export function wasmName(s) {
  const bytes = Buffer.from(s);
  return Buffer.concat([uleb(bytes.length), bytes]);
}

/** A cursor over the module's bytes. */
export class Reader {
  constructor(bytes, pos, what) {
    this.bytes = bytes;
    this.pos = pos;
    this.what = what;
  }
  u8() {
    if (this.pos >= this.bytes.length) throw new Error(`${this.what}: truncated wasm`);
    return this.bytes[this.pos++];
  }
  uleb() {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = this.u8();
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return result >>> 0;
  }
  name() {
    const len = this.uleb();
    const s = this.bytes.subarray(this.pos, this.pos + len).toString('utf8');
    this.pos += len;
    return s;
  }
  /** Skips an import's description; returns its kind (0: a function). */
  importDesc() {
    const kind = this.u8();
    if (kind === 0) this.uleb(); // type index
    else if (kind === 1) {
      this.u8(); // reference type
      this.limits();
    } else if (kind === 2) this.limits();
    else if (kind === 3) this.pos += 2; // value type, mutability
    else if (kind === 4) {
      this.u8(); // tag attribute
      this.uleb(); // type index
    } else throw new Error(`${this.what}: unknown import kind ${kind}`);
    return kind;
  }
  limits() {
    const flags = this.u8();
    this.uleb();
    if (flags & 1) this.uleb();
  }
}

/**
 * The module's sections, in order: `{ id, start, end, body, custom }`, where
 * `body` is a Reader at the section's contents and `custom` the name of a
 * custom section (id 0). Throws if the bytes are not a wasm module.
 */
export function sections(wasmBytes, what) {
  if (wasmBytes.length < 8 || wasmBytes.readUInt32LE(0) !== 0x6d736100) throw new Error(`${what}: not a wasm module`);
  const r = new Reader(wasmBytes, 8, what);
  const out = [];
  while (r.pos < wasmBytes.length) {
    const start = r.pos;
    const id = r.u8();
    const size = r.uleb();
    const end = r.pos + size;
    if (end > wasmBytes.length) throw new Error(`${what}: truncated wasm`);
    const body = new Reader(wasmBytes, r.pos, what);
    const custom = id === 0 ? new Reader(wasmBytes, r.pos, what).name() : null;
    out.push({ id, start, end, body, custom });
    r.pos = end;
  }
  return out;
}

/**
 * Finds section `id` of the module: a Reader at its body, and where the
 * section starts and ends. Throws if the module has none.
 */
export function findSection(wasmBytes, id, what) {
  const section = sections(wasmBytes, what).find((s) => s.id === id);
  if (!section) throw new Error(`${what}: the module has no section ${id}`);
  return { r: section.body, start: section.start, end: section.end };
}

/** The module with the section found by findSection given a new body. */
export function replaceSection(wasmBytes, { start, end }, id, body) {
  const newBody = Buffer.concat(body);
  return Buffer.concat([wasmBytes.subarray(0, start), Buffer.from([id]), uleb(newBody.length), newBody, wasmBytes.subarray(end)]);
}
