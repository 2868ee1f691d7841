/**
 * The layering of spec/architecture (README "Layout"), as rules `npm test` checks:
 *
 *   node/app ──> node/client ──> node/ core ──> store/ ──> protocol/
 *        └────> sim/ ───────────────┘
 *   test/support <── bench/        (bench imports nothing else of test/)
 *
 * Every crypto library is reached through protocol/crypto.ts alone; the one named exception
 * is the Noise handshake library, which node/net/libp2p.ts hands to the TCP transport.
 * Folder cycles (a folder being the directory a module sits in) are checked from this
 * cruise's module graph by test/unit/architecture.test.ts.
 */
const PRODUCTION = '^(node|protocol|store|sim)/';
const CRYPTO_LIBRARIES =
  '^(node:)?crypto$|(^|/)node_modules/(sodium-native|libsodium-wrappers|libsodium|@libp2p/crypto|@libp2p/peer-id|@noble/[^/]+|@chainsafe/libp2p-noise)/';
const NOISE_LIBRARY = '(^|/)node_modules/@chainsafe/libp2p-noise/';

module.exports = {
  forbidden: [
    {
      name: 'protocol-imports-nothing-ours',
      comment: 'protocol/ holds what two nodes must agree on: pure functions and codecs, importing no other layer.',
      severity: 'error',
      from: { path: '^protocol/' },
      to: { path: '^(node|store|sim|test|bench)/' },
    },
    {
      name: 'store-imports-only-protocol',
      comment: 'store/ sits on protocol/ alone.',
      severity: 'error',
      from: { path: '^store/' },
      to: { path: '^(node|sim|test|bench)/' },
    },
    {
      name: 'core-below-app-and-sim',
      comment: 'The node core and its client never import the application or the simulator: a node must not know it is simulated.',
      severity: 'error',
      from: { path: '^node/', pathNot: '^node/app/' },
      to: { path: '^(node/app|sim)/' },
    },
    {
      name: 'core-below-client',
      comment: 'The node core does not import the client that sits on it.',
      severity: 'error',
      from: { path: '^node/', pathNot: '^node/(app|client)/' },
      to: { path: '^node/client/' },
    },
    {
      name: 'sim-below-app',
      comment: 'The simulator drives the node core; the application (warren sim) sits above it.',
      severity: 'error',
      from: { path: '^sim/' },
      to: { path: '^node/app/' },
    },
    {
      name: 'production-imports-no-tests',
      comment: 'Shipped code never imports tests or benchmarks.',
      severity: 'error',
      from: { path: PRODUCTION },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'bench-imports-only-test-support',
      comment: 'Harnesses shared by tests and benchmarks live in test/support/, the only part of test/ that bench/ imports.',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^test/', pathNot: '^test/support/' },
    },
    {
      name: 'tests-import-no-bench',
      comment: 'Benchmarks sit on top: tests never import them.',
      severity: 'error',
      from: { path: '^test/' },
      to: { path: '^bench/' },
    },
    {
      name: 'crypto-only-through-the-facade',
      comment:
        'Every crypto library is called from protocol/crypto.ts. Named exception: node/net/libp2p.ts passes ' +
        '@chainsafe/libp2p-noise (the Noise XX handshake) to the TCP transport, which runs it whole.',
      severity: 'error',
      from: { path: PRODUCTION, pathNot: '^protocol/crypto\\.ts$' },
      to: { path: CRYPTO_LIBRARIES, pathNot: NOISE_LIBRARY },
    },
    {
      name: 'noise-only-in-libp2p-adapter',
      comment:
        "The Noise library is the one crypto library outside the facade: node/net/libp2p.ts runs it, node/net/noise-crypto.ts gives it the facade's AEAD.",
      severity: 'error',
      from: { path: PRODUCTION, pathNot: '^node/net/(libp2p|noise-crypto)\\.ts$' },
      to: { path: NOISE_LIBRARY },
    },
    {
      name: 'no-module-cycles',
      comment: 'Modules import each other in one direction.',
      severity: 'error',
      from: { path: PRODUCTION },
      to: { circular: true },
    },
    {
      name: 'no-unresolvable-imports',
      comment: 'Every import resolves.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The erasure-code addon is a C package (its own package.json), reached as the dependency warren-erasure.
    exclude: { path: '^(dist|protocol/wire/generated|node/client/erasure-native)/' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    combinedDependencies: false,
  },
};
