/*
 * Linear combinations of byte shards over GF(2^8), the one costly step of Warren's erasure code
 * (spec/client.md §3): outputs[r] = sum_j matrix[r][j] * inputs[j], byte by byte, in the field
 * GF(2)[x] / (x^8 + x^4 + x^3 + x^2 + 1). Encoding multiplies by the Cauchy check rows, decoding by the
 * rows of an inverted matrix; node/client/erasure.ts builds both matrices.
 *
 * Map: combine() (N-API, main thread) checks the arguments and queues a job; run() (libuv pool) builds one
 * table per coefficient (a bit matrix for GFNI, or split tables: products of the low and of the high nibble)
 * and walks the shards CHUNK bytes at a time so that every input's chunk stays in cache while all rows use it. The per-row
 * kernel, chosen at load time from what the CPU has, is GFNI (one GF2P8AFFINEQB per 32 bytes), AVX2 (two
 * PSHUFB lookups per 32 bytes) or a portable one (a 256-byte product row per coefficient); all give the
 * same bytes.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#define MAX_SHARDS 256
#define CHUNK 1024

static uint8_t gf_product[256][256];

static void gf_init(void) {
  uint8_t exp[255];
  uint8_t log[256] = {0};
  unsigned x = 1;
  for (int i = 0; i < 255; i++) {
    exp[i] = (uint8_t)x;
    log[x] = (uint8_t)i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  for (int a = 1; a < 256; a++)
    for (int b = 1; b < 256; b++) gf_product[a][b] = exp[(log[a] + log[b]) % 255];
}

/* The table_bytes bytes a kernel reads per coefficient c (32 for split tables, 8 for a bit matrix). */
typedef void table_fn(uint8_t c, uint8_t *table);

/* Split tables: c * x for x = 0..15 (low nibble), then c * (x << 4) (high nibble). */
static void split_table(uint8_t c, uint8_t *table) {
  for (int x = 0; x < 16; x++) {
    table[x] = gf_product[c][x];
    table[16 + x] = gf_product[c][x << 4];
  }
}

/*
 * The 8x8 bit matrix of multiplication by c, as GF2P8AFFINEQB reads it: byte 7 - i of the quadword
 * selects the input bits whose products by c have output bit i set.
 */
static void affine_table(uint8_t c, uint8_t *table) {
  uint64_t matrix = 0;
  for (int i = 0; i < 8; i++) {
    uint64_t row = 0;
    for (int b = 0; b < 8; b++) row |= (uint64_t)((gf_product[c][1 << b] >> i) & 1) << b;
    matrix |= row << (8 * (7 - i));
  }
  memcpy(table, &matrix, 8);
}

typedef void kernel_fn(const uint8_t *tables, const uint8_t *coefficients, const uint8_t *const *in, uint8_t *out,
                       size_t cols, size_t offset, size_t length);

/* out[offset, offset+length) = sum_j coefficients[j] * in[j][...], one byte at a time. */
static void kernel_portable(const uint8_t *tables, const uint8_t *coefficients, const uint8_t *const *in, uint8_t *out,
                            size_t cols, size_t offset, size_t length) {
  (void)tables;
  uint8_t *target = out + offset;
  memset(target, 0, length);
  for (size_t j = 0; j < cols; j++) {
    const uint8_t *row = gf_product[coefficients[j]];
    const uint8_t *source = in[j] + offset;
    for (size_t i = 0; i < length; i++) target[i] ^= row[source[i]];
  }
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) static void kernel_avx2(const uint8_t *tables, const uint8_t *coefficients,
                                                       const uint8_t *const *in, uint8_t *out, size_t cols,
                                                       size_t offset, size_t length) {
  const __m256i nibble = _mm256_set1_epi8(0x0f);
  size_t end = offset + (length & ~(size_t)63);
  for (size_t pos = offset; pos < end; pos += 64) {
    __m256i sum0 = _mm256_setzero_si256();
    __m256i sum1 = _mm256_setzero_si256();
    for (size_t j = 0; j < cols; j++) {
      const __m256i low = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(tables + 32 * j)));
      const __m256i high = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(tables + 32 * j + 16)));
      const __m256i a = _mm256_loadu_si256((const __m256i *)(in[j] + pos));
      const __m256i b = _mm256_loadu_si256((const __m256i *)(in[j] + pos + 32));
      sum0 = _mm256_xor_si256(sum0, _mm256_shuffle_epi8(low, _mm256_and_si256(a, nibble)));
      sum0 = _mm256_xor_si256(sum0, _mm256_shuffle_epi8(high, _mm256_and_si256(_mm256_srli_epi64(a, 4), nibble)));
      sum1 = _mm256_xor_si256(sum1, _mm256_shuffle_epi8(low, _mm256_and_si256(b, nibble)));
      sum1 = _mm256_xor_si256(sum1, _mm256_shuffle_epi8(high, _mm256_and_si256(_mm256_srli_epi64(b, 4), nibble)));
    }
    _mm256_storeu_si256((__m256i *)(out + pos), sum0);
    _mm256_storeu_si256((__m256i *)(out + pos + 32), sum1);
  }
  if (end < offset + length) kernel_portable(tables, coefficients, in, out, cols, end, offset + length - end);
}
#endif

#if defined(__x86_64__)
/* One GF2P8AFFINEQB per 32 bytes: the coefficient's bit matrix (affine_table) times every byte. */
__attribute__((target("avx2,gfni"))) static void kernel_gfni(const uint8_t *tables, const uint8_t *coefficients,
                                                            const uint8_t *const *in, uint8_t *out, size_t cols,
                                                            size_t offset, size_t length) {
  size_t end = offset + (length & ~(size_t)63);
  for (size_t pos = offset; pos < end; pos += 64) {
    __m256i sum0 = _mm256_setzero_si256();
    __m256i sum1 = _mm256_setzero_si256();
    for (size_t j = 0; j < cols; j++) {
      const __m256i matrix = _mm256_set1_epi64x(*(const long long *)(tables + 8 * j));
      sum0 = _mm256_xor_si256(sum0, _mm256_gf2p8affine_epi64_epi8(_mm256_loadu_si256((const __m256i *)(in[j] + pos)), matrix, 0));
      sum1 = _mm256_xor_si256(sum1, _mm256_gf2p8affine_epi64_epi8(_mm256_loadu_si256((const __m256i *)(in[j] + pos + 32)), matrix, 0));
    }
    _mm256_storeu_si256((__m256i *)(out + pos), sum0);
    _mm256_storeu_si256((__m256i *)(out + pos + 32), sum1);
  }
  if (end < offset + length) kernel_portable(tables, coefficients, in, out, cols, end, offset + length - end);
}
#endif

#if defined(__x86_64__)
/*
 * Four rows at once: each 64 bytes of an input are loaded once for four outputs. tables holds the four
 * rows' tables one after the other (row stride cols * table bytes), out the four rows.
 */
typedef void kernel4_fn(const uint8_t *tables, const uint8_t *const *in, uint8_t *const *out, size_t cols, size_t pos);

__attribute__((target("avx2,gfni"))) static void rows4_gfni(const uint8_t *tables, const uint8_t *const *in,
                                                           uint8_t *const *out, size_t cols, size_t pos) {
  __m256i sum[8];
  for (int i = 0; i < 8; i++) sum[i] = _mm256_setzero_si256();
  const size_t stride = cols * 8;
  for (size_t j = 0; j < cols; j++) {
    const __m256i a = _mm256_loadu_si256((const __m256i *)(in[j] + pos));
    const __m256i b = _mm256_loadu_si256((const __m256i *)(in[j] + pos + 32));
    for (int r = 0; r < 4; r++) {
      const __m256i matrix = _mm256_set1_epi64x(*(const long long *)(tables + r * stride + 8 * j));
      sum[2 * r] = _mm256_xor_si256(sum[2 * r], _mm256_gf2p8affine_epi64_epi8(a, matrix, 0));
      sum[2 * r + 1] = _mm256_xor_si256(sum[2 * r + 1], _mm256_gf2p8affine_epi64_epi8(b, matrix, 0));
    }
  }
  for (int r = 0; r < 4; r++) {
    _mm256_storeu_si256((__m256i *)(out[r] + pos), sum[2 * r]);
    _mm256_storeu_si256((__m256i *)(out[r] + pos + 32), sum[2 * r + 1]);
  }
}

__attribute__((target("avx2"))) static void rows4_avx2(const uint8_t *tables, const uint8_t *const *in,
                                                      uint8_t *const *out, size_t cols, size_t pos) {
  const __m256i nibble = _mm256_set1_epi8(0x0f);
  __m256i sum[8];
  for (int i = 0; i < 8; i++) sum[i] = _mm256_setzero_si256();
  const size_t stride = cols * 32;
  for (size_t j = 0; j < cols; j++) {
    const __m256i a = _mm256_loadu_si256((const __m256i *)(in[j] + pos));
    const __m256i b = _mm256_loadu_si256((const __m256i *)(in[j] + pos + 32));
    const __m256i a_low = _mm256_and_si256(a, nibble);
    const __m256i a_high = _mm256_and_si256(_mm256_srli_epi64(a, 4), nibble);
    const __m256i b_low = _mm256_and_si256(b, nibble);
    const __m256i b_high = _mm256_and_si256(_mm256_srli_epi64(b, 4), nibble);
    for (int r = 0; r < 4; r++) {
      const uint8_t *table = tables + r * stride + 32 * j;
      const __m256i low = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)table));
      const __m256i high = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(table + 16)));
      sum[2 * r] = _mm256_xor_si256(sum[2 * r], _mm256_xor_si256(_mm256_shuffle_epi8(low, a_low), _mm256_shuffle_epi8(high, a_high)));
      sum[2 * r + 1] = _mm256_xor_si256(sum[2 * r + 1], _mm256_xor_si256(_mm256_shuffle_epi8(low, b_low), _mm256_shuffle_epi8(high, b_high)));
    }
  }
  for (int r = 0; r < 4; r++) {
    _mm256_storeu_si256((__m256i *)(out[r] + pos), sum[2 * r]);
    _mm256_storeu_si256((__m256i *)(out[r] + pos + 32), sum[2 * r + 1]);
  }
}
#endif

static kernel_fn *kernel = kernel_portable;
#if defined(__x86_64__)
static kernel4_fn *kernel4 = NULL;
#endif
static table_fn *table_of = split_table;
static size_t table_bytes = 32;
static const char *kernel_name = "portable";

typedef struct {
  napi_async_work work;
  napi_ref keep[3]; /* matrix, inputs, outputs: their memory stays put while the job runs */
  napi_ref callback;
  const uint8_t *matrix;
  size_t rows, cols, length;
  bool out_of_memory;
  const uint8_t *in[MAX_SHARDS];
  uint8_t *out[MAX_SHARDS];
} job_t;

static void run(napi_env env, void *data) {
  (void)env;
  job_t *job = data;
  size_t cols = job->cols;
  uint8_t *tables = malloc(job->rows * cols * table_bytes);
  if (tables == NULL) {
    job->out_of_memory = true;
    return;
  }
  for (size_t r = 0; r < job->rows; r++)
    for (size_t j = 0; j < cols; j++) table_of(job->matrix[r * cols + j], tables + (r * cols + j) * table_bytes);
  for (size_t offset = 0; offset < job->length; offset += CHUNK) {
    size_t length = job->length - offset < CHUNK ? job->length - offset : CHUNK;
    size_t r = 0;
#if defined(__x86_64__)
    /* Four rows at a time over whole 64-byte steps; the rest (rows and a short tail) row by row. */
    size_t whole = length & ~(size_t)63;
    if (kernel4 != NULL && whole > 0) {
      for (; r + 4 <= job->rows; r += 4) {
        for (size_t pos = offset; pos < offset + whole; pos += 64) kernel4(tables + r * cols * table_bytes, job->in, job->out + r, cols, pos);
        if (whole < length)
          for (size_t i = r; i < r + 4; i++)
            kernel_portable(NULL, job->matrix + i * cols, job->in, job->out[i], cols, offset + whole, length - whole);
      }
    }
#endif
    for (; r < job->rows; r++)
      kernel(tables + r * cols * table_bytes, job->matrix + r * cols, job->in, job->out[r], cols, offset, length);
  }
  free(tables);
}

static void finish(napi_env env, napi_status status, void *data) {
  job_t *job = data;
  napi_value callback, global, argument;
  napi_get_reference_value(env, job->callback, &callback);
  napi_get_global(env, &global);
  if (status == napi_ok && !job->out_of_memory) {
    napi_get_null(env, &argument);
  } else {
    napi_value message;
    napi_create_string_utf8(env, job->out_of_memory ? "erasure job: out of memory" : "erasure job was cancelled", NAPI_AUTO_LENGTH,
                            &message);
    napi_create_error(env, NULL, message, &argument);
  }
  for (int i = 0; i < 3; i++) napi_delete_reference(env, job->keep[i]);
  napi_delete_reference(env, job->callback);
  napi_delete_async_work(env, job->work);
  free(job);
  napi_call_function(env, global, callback, 1, &argument, NULL);
}

static napi_value fail(napi_env env, const char *message) {
  napi_throw_range_error(env, "ERR_ERASURE_ARGUMENT", message);
  return NULL;
}

/* The bytes of a Uint8Array, or NULL. */
static uint8_t *bytes_of(napi_env env, napi_value value, size_t *length) {
  bool is_typed;
  napi_typedarray_type type;
  void *data;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) return NULL;
  if (napi_get_typedarray_info(env, value, &type, length, &data, NULL, NULL) != napi_ok || type != napi_uint8_array) return NULL;
  return data;
}

/* Fills `shards` from a JS array of Uint8Arrays each at least `length` bytes; returns the count or -1. */
static long shards_of(napi_env env, napi_value array, size_t length, uint8_t **shards) {
  bool is_array;
  uint32_t count;
  if (napi_is_array(env, array, &is_array) != napi_ok || !is_array) return -1;
  if (napi_get_array_length(env, array, &count) != napi_ok || count < 1 || count > MAX_SHARDS) return -1;
  for (uint32_t i = 0; i < count; i++) {
    napi_value element;
    size_t size;
    if (napi_get_element(env, array, i, &element) != napi_ok) return -1;
    shards[i] = bytes_of(env, element, &size);
    if (shards[i] == NULL || size < length) return -1;
  }
  return count;
}

/* combine(matrix, inputs, outputs, length, callback) */
static napi_value combine(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 5) return fail(env, "combine(matrix, inputs, outputs, length, callback)");
  int64_t length;
  napi_valuetype type;
  if (napi_get_value_int64(env, argv[3], &length) != napi_ok || length < 0) return fail(env, "length must be a whole number");
  if (napi_typeof(env, argv[4], &type) != napi_ok || type != napi_function) return fail(env, "callback must be a function");
  job_t *job = calloc(1, sizeof(job_t));
  if (job == NULL) return fail(env, "out of memory");
  size_t matrix_length;
  job->matrix = bytes_of(env, argv[0], &matrix_length);
  long cols = shards_of(env, argv[1], (size_t)length, (uint8_t **)job->in);
  long rows = shards_of(env, argv[2], (size_t)length, job->out);
  if (job->matrix == NULL || cols < 0 || rows < 0 || matrix_length != (size_t)(rows * cols)) {
    free(job);
    return fail(env, "inputs and outputs must be arrays of 1..256 Uint8Arrays of at least length bytes, matrix one of outputs x inputs bytes");
  }
  job->rows = (size_t)rows;
  job->cols = (size_t)cols;
  job->length = (size_t)length;
  for (int i = 0; i < 3; i++) napi_create_reference(env, argv[i], 1, &job->keep[i]);
  napi_create_reference(env, argv[4], 1, &job->callback);
  napi_value name;
  napi_create_string_utf8(env, "warren-erasure", NAPI_AUTO_LENGTH, &name);
  napi_create_async_work(env, NULL, name, run, finish, job, &job->work);
  napi_queue_async_work(env, job->work);
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  gf_init();
  /* WARREN_ERASURE_KERNEL=avx2|portable picks a slower kernel than the CPU allows: for tests and benchmarks. */
  const char *forced = getenv("WARREN_ERASURE_KERNEL");
  bool portable_only = forced != NULL && strcmp(forced, "portable") == 0;
  bool avx2_only = forced != NULL && strcmp(forced, "avx2") == 0;
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (!portable_only && !avx2_only && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("gfni")) {
    kernel = kernel_gfni;
    kernel4 = rows4_gfni;
    table_of = affine_table;
    table_bytes = 8;
    kernel_name = "gfni";
  } else if (!portable_only && __builtin_cpu_supports("avx2")) {
    kernel = kernel_avx2;
    kernel4 = rows4_avx2;
    kernel_name = "avx2";
  }
#else
  (void)avx2_only;
#endif
  napi_value function, name;
  napi_create_function(env, "combine", NAPI_AUTO_LENGTH, combine, NULL, &function);
  napi_set_named_property(env, exports, "combine", function);
  napi_create_string_utf8(env, kernel_name, NAPI_AUTO_LENGTH, &name);
  napi_set_named_property(env, exports, "kernel", name);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
