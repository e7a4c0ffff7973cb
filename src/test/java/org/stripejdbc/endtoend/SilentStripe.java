package org.stripejdbc.endtoend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback "Stripe" that accepts every connection and answers only the requests its route knows: a plain
 * {@link ServerSocket} on 127.0.0.1 speaking just enough HTTP/1.1 (keep-alive, Content-Length bodies). For any
 * other request it holds the connection and never answers, as a hung API does, and notes when the client gives up
 * on it (closes the connection).
 *
 * <p>Example: {@code new SilentStripe(request -> null)} never answers anything;
 * {@code new SilentStripe(request -> request.startsWith("GET /v1/customers/") ? CUSTOMER : null)} answers
 * retrieves and hangs on everything else. The route gets {@code "METHOD target"}, e.g.
 * {@code "GET /v1/customers?limit=100"}, and returns a JSON body for a 200, or null to hang.
 */
final class SilentStripe implements AutoCloseable {
    private final ServerSocket server;
    private final Function<String, String> route;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> hung = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> abandoned = new LinkedBlockingQueue<>();
    private final AtomicInteger received = new AtomicInteger();
    private final Thread acceptor;

    SilentStripe(Function<String, String> route) throws IOException {
        this.route = route;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "silent-stripe-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The API base URL: {@code http://127.0.0.1:<port>/v1/}. */
    String url() {
        return "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort() + "/v1/";
    }

    /** The next request received ({@code "METHOD target"}), waiting up to 10 s; null when none came. */
    String takeRequest() throws InterruptedException {
        return requests.poll(10, TimeUnit.SECONDS);
    }

    /** The next request left unanswered, waiting up to 10 s; null when none came. */
    String takeHung() throws InterruptedException {
        return hung.poll(10, TimeUnit.SECONDS);
    }

    /** The next unanswered request whose connection the client closed, waiting up to 10 s; null when none. */
    String takeAbandoned() throws InterruptedException {
        return abandoned.poll(10, TimeUnit.SECONDS);
    }

    /** How many requests were received in all. */
    int requestCount() {
        return received.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread handler = new Thread(() -> serve(socket), "silent-stripe-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                String[] lines = head.split("\r\n");
                String[] requestLine = lines[0].split(" ");
                String request = requestLine[0] + " " + requestLine[1];
                int length = 0;
                for (String line : lines) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(
                                line.substring(line.indexOf(':') + 1).trim());
                    }
                }
                in.readNBytes(length);
                received.incrementAndGet();
                requests.add(request);
                String body = route.apply(request);
                if (body == null) {
                    hung.add(request);
                    // Hold the connection; read() returns -1 (or fails) once the client closes it.
                    try {
                        while (in.read() >= 0) {
                            // a hung server ignores whatever else comes
                        }
                    } catch (IOException reset) {
                        // closed with a reset: abandoned all the same
                    }
                    abandoned.add(request);
                    return;
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nRequest-Id: req_silent\r\n"
                                + "Content-Length: " + bytes.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away, or the server is closing
        }
    }

    /** The request line and headers up to the blank line, or null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : 0;
            if (matched == 4) {
                String text = head.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.length() - 4);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }
}
