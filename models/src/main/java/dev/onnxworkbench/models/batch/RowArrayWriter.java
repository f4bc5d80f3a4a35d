package dev.onnxworkbench.models.batch;

import java.util.HashMap;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/** Parquet's write support for a flat record of typed cells (Boolean, Integer, Long, Float, Double, String; null). */
final class RowArrayWriter extends WriteSupport<Object[]> {
    private final MessageType schema;
    private RecordConsumer consumer;

    RowArrayWriter(MessageType schema) {
        this.schema = schema;
    }

    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        return new WriteContext(schema, new HashMap<>());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Object[] record) {
        consumer.startMessage();
        for (int i = 0; i < record.length; i++) {
            Object v = record[i];
            if (v == null) {
                continue;
            }
            String name = schema.getFieldName(i);
            consumer.startField(name, i);
            PrimitiveType.PrimitiveTypeName t = schema.getType(i).asPrimitiveType().getPrimitiveTypeName();
            switch (t) {
                case BOOLEAN -> consumer.addBoolean((Boolean) v);
                case INT32 -> consumer.addInteger(((Number) v).intValue());
                case INT64 -> consumer.addLong(((Number) v).longValue());
                case FLOAT -> consumer.addFloat(((Number) v).floatValue());
                case DOUBLE -> consumer.addDouble(((Number) v).doubleValue());
                default -> consumer.addBinary(Binary.fromString(v.toString()));
            }
            consumer.endField(name, i);
        }
        consumer.endMessage();
    }

    static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final MessageType schema;

        Builder(OutputFile file, MessageType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new RowArrayWriter(schema);
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
            return new RowArrayWriter(schema);
        }
    }
}
