package dev.onnxworkbench.models.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet page compression without Hadoop: Parquet's own codec factory instantiates Hadoop codecs through a
 * Hadoop {@code Configuration} (which drags in XML parsers and more); this one compresses Snappy with
 * snappy-java and GZIP with the JDK — what Spark, pandas/pyarrow and DuckDB write by default — and refuses
 * other codecs by name.
 */
final class ParquetCodecs implements CompressionCodecFactory {
    static final ParquetCodecs INSTANCE = new ParquetCodecs();

    private ParquetCodecs() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                return switch (codec) {
                    case UNCOMPRESSED -> bytes;
                    case SNAPPY -> BytesInput.from(Snappy.compress(bytes.toByteArray()));
                    case GZIP -> {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                            bytes.writeAllTo(gz);
                        }
                        yield BytesInput.from(out.toByteArray());
                    }
                    default -> throw unsupported(codec);
                };
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                return switch (codec) {
                    case UNCOMPRESSED -> bytes;
                    case SNAPPY -> {
                        byte[] out = new byte[uncompressedSize];
                        byte[] in = bytes.toByteArray();
                        Snappy.uncompress(in, 0, in.length, out, 0);
                        yield BytesInput.from(out);
                    }
                    case GZIP -> {
                        byte[] out = new byte[uncompressedSize];
                        try (InputStream gz = new GZIPInputStream(bytes.toInputStream())) {
                            int read = gz.readNBytes(out, 0, uncompressedSize);
                            if (read != uncompressedSize) {
                                throw new IOException("a GZIP page holds " + read + " bytes, not " + uncompressedSize);
                            }
                        }
                        yield BytesInput.from(out);
                    }
                    default -> throw unsupported(codec);
                };
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(decompress(BytesInput.from(in), uncompressedSize).toByteArray());
            }

            @Override
            public void release() {
            }
        };
    }

    private static IOException unsupported(CompressionCodecName codec) {
        return new IOException("the file is compressed with " + codec + "; predict-batch reads and writes "
                + "uncompressed, Snappy and GZIP Parquet");
    }

    @Override
    public void release() {
    }
}
