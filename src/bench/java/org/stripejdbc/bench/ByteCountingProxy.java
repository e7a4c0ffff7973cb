package org.stripejdbc.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 in front of the emulator that counts the bytes both ways, so that "bytes transferred"
 * is measured on the wire, the same way for the driver and for stripe-java (headers, bodies, compression and all).
 *
 * <p>Example: {@code new ByteCountingProxy(emulatorPort)} listens on {@link #port()}; point a client at
 * {@code http://127.0.0.1:<port>/v1/}, run a request, read {@link #bytesToServer()} and {@link #bytesFromServer()}.
 */
final class ByteCountingProxy implements AutoCloseable {
    private final int targetPort;
    private final ServerSocket server;
    private final AtomicLong toServer = new AtomicLong();
    private final AtomicLong fromServer = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    ByteCountingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.acceptor = new Thread(this::accept, "bench-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    long bytesToServer() {
        return toServer.get();
    }

    long bytesFromServer() {
        return fromServer.get();
    }

    void reset() {
        toServer.set(0);
        fromServer.set(0);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                client.setTcpNoDelay(true);
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, toServer);
                pump(upstream, client, fromServer);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(Socket from, Socket to, AtomicLong counter) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) > 0) {
                            counter.addAndGet(n);
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // one side closed: the relay of this connection ends
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "bench-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }
}
