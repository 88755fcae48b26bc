/*
 * wimchunk: compress one chunk with libwim's public compression API and write a jwim chunk
 * fixture: u32 LE uncompressed size, u32 LE compressed size, the compressed bytes, then the
 * original bytes.
 *
 *   wimchunk xpress|lzx|lzms CHUNK_SIZE LEVEL INPUT OFFSET LENGTH OUTPUT
 *
 * Exits 3 (writing nothing) when wimlib cannot make the chunk smaller, as a WIM writer would then
 * store it raw.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wimlib.h>

static void put32(FILE *f, uint32_t v)
{
	unsigned char b[4] = { v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, v >> 24 };
	fwrite(b, 1, 4, f);
}

int main(int argc, char **argv)
{
	if (argc != 8) {
		fprintf(stderr, "usage: wimchunk TYPE CHUNK_SIZE LEVEL INPUT OFFSET LENGTH OUTPUT\n");
		return 2;
	}
	enum wimlib_compression_type type;
	if (!strcmp(argv[1], "xpress"))
		type = WIMLIB_COMPRESSION_TYPE_XPRESS;
	else if (!strcmp(argv[1], "lzx"))
		type = WIMLIB_COMPRESSION_TYPE_LZX;
	else if (!strcmp(argv[1], "lzms"))
		type = WIMLIB_COMPRESSION_TYPE_LZMS;
	else {
		fprintf(stderr, "unknown type %s\n", argv[1]);
		return 2;
	}
	size_t chunk = strtoul(argv[2], NULL, 0);
	unsigned level = strtoul(argv[3], NULL, 0);
	long offset = strtol(argv[5], NULL, 0);
	size_t len = strtoul(argv[6], NULL, 0);
	if (len > chunk || len == 0) {
		fprintf(stderr, "length must be 1..chunk size\n");
		return 2;
	}
	unsigned char *in = malloc(len), *out = malloc(len);
	FILE *f = fopen(argv[4], "rb");
	if (!f || fseek(f, offset, SEEK_SET) || fread(in, 1, len, f) != len) {
		fprintf(stderr, "cannot read %zu bytes at %ld of %s\n", len, offset, argv[4]);
		return 2;
	}
	fclose(f);
	struct wimlib_compressor *c;
	if (wimlib_create_compressor(type, chunk, level, &c)) {
		fprintf(stderr, "wimlib_create_compressor failed\n");
		return 2;
	}
	size_t csize = wimlib_compress(in, len, out, len - 1, c);
	wimlib_free_compressor(c);
	if (csize == 0)
		return 3;

	/* Check the chunk round-trips through wimlib itself before keeping it. */
	struct wimlib_decompressor *d;
	unsigned char *back = malloc(len);
	if (wimlib_create_decompressor(type, chunk, &d) ||
	    wimlib_decompress(out, csize, back, len, d) || memcmp(in, back, len)) {
		fprintf(stderr, "wimlib could not decode its own chunk\n");
		return 1;
	}
	wimlib_free_decompressor(d);

	FILE *o = fopen(argv[7], "wb");
	if (!o)
		return 1;
	put32(o, len);
	put32(o, csize);
	fwrite(out, 1, csize, o);
	fwrite(in, 1, len, o);
	return fclose(o) ? 1 : 0;
}
