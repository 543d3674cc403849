package io.fashionspark.testing;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.security.AccessControlException;

/**
 * The local disk under the scheme {@code denied:}, refusing, as a permission check would, to open
 * a file or list a folder whose name contains {@code secret}. Lets tests that run as root (where
 * no local file is unreadable) see what an unreadable file or folder does. Register it with
 * {@code fs.denied.impl} in a Hadoop configuration.
 */
public final class DeniedFileSystem extends RawLocalFileSystem {
    /** The scheme, with {@code fs.denied.impl} naming this class. */
    public static final String SCHEME = "denied";

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        refuse(f);
        return super.open(f, bufferSize);
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        refuse(f);
        return super.listStatus(f);
    }

    private static void refuse(Path f) throws AccessControlException {
        if (f.getName().contains("secret")) {
            throw new AccessControlException("Permission denied: user=test, access=READ, path=" + f);
        }
    }
}
