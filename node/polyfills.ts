/** Promise.withResolvers (Node 22+; libp2p v3 calls it). Import first at every entry point that can load libp2p. */
const promise = Promise as PromiseConstructor & { withResolvers?: unknown };
promise.withResolvers ??= function withResolvers<T>() {
  let resolve!: (value: T | PromiseLike<T>) => void, reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
