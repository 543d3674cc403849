package io.fashionspark.data;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP GET whose body, if the status is 200, goes to a file; stalls are bounded.
 *
 * <p>{@link HttpRequest#timeout} only bounds the wait for the response headers, so a server that
 * stops sending mid-body would block forever. Here the exchange is also abandoned once no body
 * bytes have arrived for the timeout.
 */
final class HttpFileTransfer {
    private HttpFileTransfer() {
    }

    /**
     * GETs {@code uri}, writing a 200 response's body to {@code file} (which must exist and be empty).
     *
     * @return the HTTP status; the file holds the body only if it is 200
     * @throws HttpTimeoutException if no headers arrive, or no body bytes arrive, within {@code timeout}
     * @throws IOException          if the exchange fails
     * @throws InterruptedException if the thread is interrupted (the exchange is cancelled)
     */
    static int get(HttpClient client, URI uri, Path file, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        CompletableFuture<HttpResponse<Path>> response = client.sendAsync(request, info -> {
            lastProgress.set(System.nanoTime());
            return info.statusCode() == 200
                    ? new ProgressSubscriber<>(HttpResponse.BodySubscribers.ofFile(file), lastProgress)
                    : HttpResponse.BodySubscribers.replacing(null);
        });
        try {
            return await(response, lastProgress, timeout).statusCode();
        } catch (InterruptedException | IOException | RuntimeException e) {
            response.cancel(true);
            throw e;
        }
    }

    private static <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> response, AtomicLong lastProgress,
            Duration timeout) throws IOException, InterruptedException {
        long poll = Math.max(1, Math.min(timeout.toMillis() / 4, 1000));
        while (true) {
            try {
                return response.get(poll, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() - lastProgress.get() > timeout.toNanos()) {
                    throw new HttpTimeoutException("body stalled");
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                throw new IOException(cause);
            }
        }
    }

    /** Passes body chunks on to {@code delegate}, recording when each arrived. */
    private static final class ProgressSubscriber<T> implements HttpResponse.BodySubscriber<T> {
        private final HttpResponse.BodySubscriber<T> delegate;
        private final AtomicLong lastProgress;

        ProgressSubscriber(HttpResponse.BodySubscriber<T> delegate, AtomicLong lastProgress) {
            this.delegate = delegate;
            this.lastProgress = lastProgress;
        }

        @Override
        public CompletionStage<T> getBody() {
            return delegate.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            delegate.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            lastProgress.set(System.nanoTime());
            delegate.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            delegate.onError(throwable);
        }

        @Override
        public void onComplete() {
            delegate.onComplete();
        }
    }
}
