package io.fashionspark.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.fashionspark.data.NdArrays;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Kryo serializer of INDArrays as data type, order, shape and the raw little-endian bytes of
 * the elements, copied in 64 KiB blocks. Views and arrays with non-default strides are
 * compacted first. Empty arrays are written as their data type; arrays raw bytes cannot hold
 * (strings, a big-endian platform) fall back to ND4J's own stream format. The first byte says which.
 */
final class NdArraySerializer extends Serializer<INDArray> {
    static final byte RAW = 1;
    static final byte ND4J_STREAM = 2;
    static final byte EMPTY = 3;
    private static final int BLOCK = 64 * 1024;

    @Override
    public void write(Kryo kryo, Output out, INDArray array) {
        if (array.isEmpty()) {
            out.writeByte(EMPTY);
            out.writeString(array.dataType().name());
            return;
        }
        if (!rawCapable(array)) {
            out.writeByte(ND4J_STREAM);
            try {
                DataOutputStream stream = new DataOutputStream(out);
                Nd4j.write(array, stream);
                stream.flush();
            } catch (IOException e) {
                throw new KryoException("cannot write INDArray: " + e.getMessage(), e);
            }
            return;
        }
        INDArray a = compact(array);
        out.writeByte(RAW);
        out.writeString(a.dataType().name());
        out.writeByte((byte) a.ordering());
        long[] shape = a.shape();
        out.writeInt(shape.length, true);
        for (long d : shape) {
            out.writeLong(d, true);
        }
        ByteBuffer bytes = a.data().asNio();
        long size = a.length() * a.dataType().width();
        byte[] block = new byte[(int) Math.min(BLOCK, size)];
        for (long done = 0; done < size; ) {
            int n = (int) Math.min(block.length, size - done);
            bytes.get(block, 0, n);
            out.writeBytes(block, 0, n);
            done += n;
        }
    }

    @Override
    public INDArray read(Kryo kryo, Input in, Class<INDArray> type) {
        byte format = in.readByte();
        if (format == EMPTY) {
            return Nd4j.empty(DataType.valueOf(in.readString()));
        }
        if (format == ND4J_STREAM) {
            return Nd4j.read(new DataInputStream(in));
        }
        if (format != RAW) {
            throw new KryoException("INDArray format: expected " + RAW + ", " + ND4J_STREAM + " or " + EMPTY
                    + ", found " + format);
        }
        DataType dataType = DataType.valueOf(in.readString());
        char order = (char) in.readByte();
        long[] shape = new long[in.readInt(true)];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = in.readLong(true);
        }
        INDArray a = Nd4j.createUninitialized(dataType, shape, order);
        ByteBuffer bytes = a.data().asNio();
        long size = a.length() * dataType.width();
        byte[] block = new byte[(int) Math.min(BLOCK, size)];
        for (long done = 0; done < size; ) {
            int n = (int) Math.min(block.length, size - done);
            in.readBytes(block, 0, n);
            bytes.put(block, 0, n);
            done += n;
        }
        return a;
    }

    private static boolean rawCapable(INDArray array) {
        boolean fixedWidth = array.dataType().isNumerical() || array.dataType() == DataType.BOOL;
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN && fixedWidth;
    }

    /** {@code array} itself when its elements are exactly its buffer, in its order; else a compact copy. */
    private static INDArray compact(INDArray array) {
        return NdArrays.isCompact(array) ? array : array.dup(array.ordering());
    }
}
