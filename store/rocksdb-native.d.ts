/** The part of `rocksdb-native` (a CommonJS package without types) that Warren uses. */
declare module 'rocksdb-native' {
  interface BatchOptions {
    capacity?: number;
  }

  interface Range {
    gt?: Uint8Array;
    gte?: Uint8Array;
    lt?: Uint8Array;
    lte?: Uint8Array;
    reverse?: boolean;
    limit?: number;
  }

  class ReadBatch {
    get(key: Uint8Array): Promise<Buffer | null>;
    flush(): Promise<void>;
    tryFlush(): void;
    destroy(): void;
  }

  class WriteBatch {
    tryPut(key: Uint8Array, value: Uint8Array): void;
    tryDelete(key: Uint8Array): void;
    flush(): Promise<void>;
    destroy(): void;
  }

  class RocksDB {
    constructor(path: string);
    ready(): Promise<void>;
    read(options?: BatchOptions): ReadBatch;
    write(options?: BatchOptions): WriteBatch;
    iterator(range?: Range, options?: { values?: boolean }): AsyncIterable<{ key: Buffer; value: Buffer | null }>;
    /** Flushes the memtable to a table file. */
    flush(): Promise<void>;
    close(): Promise<void>;
  }

  export = RocksDB;
}
