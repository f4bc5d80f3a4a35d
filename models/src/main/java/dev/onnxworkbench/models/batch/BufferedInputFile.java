package dev.onnxworkbench.models.batch;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A local Parquet file read through a 64 KiB buffer. Parquet's own {@code LocalInputFile} reads page headers
 * a byte at a time from a {@code RandomAccessFile}, one system call per byte: on a million-row file that was
 * most of the job's time.
 */
final class BufferedInputFile implements InputFile {
    private final Path file;

    BufferedInputFile(Path file) {
        this.file = file;
    }

    @Override
    public long getLength() throws IOException {
        return java.nio.file.Files.size(file);
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        return new Stream(FileChannel.open(file, StandardOpenOption.READ));
    }

    @Override
    public String toString() {
        return file.toString();
    }

    private static final class Stream extends SeekableInputStream {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        private long bufferStart; // file position of buffer index 0

        Stream(FileChannel channel) {
            this.channel = channel;
            buffer.limit(0);
        }

        @Override
        public long getPos() {
            return bufferStart + buffer.position();
        }

        @Override
        public void seek(long pos) throws IOException {
            if (pos >= bufferStart && pos <= bufferStart + buffer.limit()) {
                buffer.position((int) (pos - bufferStart));
            } else {
                bufferStart = pos;
                buffer.limit(0);
            }
        }

        /** Refills the buffer from the current position; false at the end of the file. */
        private boolean fill() throws IOException {
            long pos = getPos();
            buffer.clear();
            bufferStart = pos;
            int n = channel.read(buffer, pos);
            buffer.flip();
            return n > 0;
        }

        @Override
        public int read() throws IOException {
            if (!buffer.hasRemaining() && !fill()) {
                return -1;
            }
            return buffer.get() & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!buffer.hasRemaining()) {
                if (len >= buffer.capacity()) { // large reads go straight to the file
                    long pos = getPos();
                    int n = channel.read(ByteBuffer.wrap(b, off, len), pos);
                    if (n > 0) {
                        bufferStart = pos + n;
                        buffer.limit(0);
                    }
                    return n;
                }
                if (!fill()) {
                    return -1;
                }
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        @Override
        public void readFully(byte[] b) throws IOException {
            readFully(b, 0, b.length);
        }

        @Override
        public void readFully(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = read(b, off, len);
                if (n < 0) {
                    throw new EOFException("Parquet file ends early");
                }
                off += n;
                len -= n;
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int len = dst.remaining();
            byte[] tmp = new byte[len];
            int n = read(tmp, 0, len);
            if (n > 0) {
                dst.put(tmp, 0, n);
            }
            return n;
        }

        @Override
        public void readFully(ByteBuffer dst) throws IOException {
            byte[] tmp = new byte[dst.remaining()];
            readFully(tmp);
            dst.put(tmp);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
