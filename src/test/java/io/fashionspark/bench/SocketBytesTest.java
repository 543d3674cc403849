package io.fashionspark.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The driver's TCP counters: read from ss's output, summed over the process's own sockets only. */
class SocketBytesTest {
    private static final String SS = String.join("\n",
            "ESTAB 0 0 [::ffff:127.0.0.1]:37659 [::ffff:127.0.0.1]:33326 users:((\"java\",pid=8364,fd=269))",
            "\t bbr wscale:10,10 rto:204 bytes_sent:3841582760 bytes_retrans:1125060 bytes_acked:3840457700"
                    + " bytes_received:53998 segs_out:64003",
            "ESTAB 0 0 127.0.0.1:7077 127.0.0.1:40000 users:((\"java\",pid=18364,fd=20))",
            "\t cubic bytes_sent:100 bytes_received:200",
            "ESTAB 0 0 127.0.0.1:40001 127.0.0.1:7078 users:((\"java\",pid=8364,fd=12))",
            "\t cubic bytes_received:7 segs_in:1",
            "ESTAB 0 0 127.0.0.1:22 127.0.0.1:5000",
            "\t cubic bytes_sent:999 bytes_received:999",
            "");

    @Test
    void sumsTheCountersOfThisPidsSocketsAndTakesAMissingCounterAsZero() {
        assertArrayEquals(new long[] {3841582760L, 53998 + 7}, SocketBytes.parse(SS, 8364));
        assertArrayEquals(new long[] {100, 200}, SocketBytes.parse(SS, 18364));
        assertArrayEquals(new long[] {0, 0}, SocketBytes.parse(SS, 836));
    }

    @Test
    void aMegabyteSentOverLoopbackShowsInThisProcessesCounters() throws Exception {
        long[] before = SocketBytes.ofThisProcess();
        assertNotNull(before, "ss is installed on the machines this project is built on");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            Thread reader = new Thread(() -> {
                try {
                    // Not closed here: closing the stream closes the socket, and its counters go with it.
                    InputStream in = accepted.getInputStream();
                    in.readNBytes(1 << 20);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            reader.start();
            OutputStream out = client.getOutputStream();
            out.write(new byte[1 << 20]);
            out.flush();
            reader.join();
            long[] after = SocketBytes.ofThisProcess();
            assertNotNull(after);
            // Both ends are this process's: a megabyte sent, a megabyte received (other sockets may add more).
            assertTrue(after[0] - before[0] >= 1 << 20, (after[0] - before[0]) + " bytes sent");
            assertTrue(after[1] - before[1] >= 1 << 20, (after[1] - before[1]) + " bytes received");
        }
    }
}
