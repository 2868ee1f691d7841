/**
 * Every error `protocol/` throws on bad input. Each class has a stable `name`
 * and `code` that callers and the CLI can rely on; the message says what is wrong.
 */

/** Base of every Warren error: `name` is the class name, `code` a stable string for programs. */
export abstract class WarrenError extends Error {
  abstract readonly code: string;

  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true, writable: true });
  }
}

/** A URI that cannot be parsed: wrong prefix, bad characters, wrong length, truncated. */
export class InvalidUriError extends WarrenError {
  readonly code = 'ERR_INVALID_URI';
}

/** A request (public) URI given where an insert (private) URI is required. */
export class RequestUriForInsertError extends WarrenError {
  readonly code = 'ERR_REQUEST_URI_FOR_INSERT';
  constructor(options?: ErrorOptions) {
    super('this is a request URI; inserting needs the insert URI (SSK-INSERT@… or USK-INSERT@…)', options);
  }
}

/** A block that does not verify against its routing key (hash, signature or layout). */
export class InvalidBlockError extends WarrenError {
  readonly code = 'ERR_INVALID_BLOCK';
}

/** Content that does not fit in one block. */
export class ContentTooLargeError extends WarrenError {
  readonly code = 'ERR_CONTENT_TOO_LARGE';
}

/** Decryption failed: the key is wrong or the ciphertext was altered. */
export class DecryptionError extends WarrenError {
  readonly code = 'ERR_DECRYPTION';
}

/** An identity whose proof of work or key material does not check out. */
export class InvalidIdentityError extends WarrenError {
  readonly code = 'ERR_INVALID_IDENTITY';
}

/** A node reference (`warren noderef` text) that cannot be read: wrong header, bad field, too long. */
export class InvalidNodeRefError extends WarrenError {
  readonly code = 'ERR_INVALID_NODE_REF';
}

/** Bytes from the wire that are not a valid frame or message; the one error the wire decoder throws. */
export class WireDecodeError extends WarrenError {
  readonly code: string = 'ERR_WIRE_DECODE';
}

/** A frame whose declared length exceeds the limit, refused before anything is allocated for it. */
export class FrameTooLargeError extends WireDecodeError {
  override readonly code = 'ERR_FRAME_TOO_LARGE';
}
