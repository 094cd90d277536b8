package io.github.aeponboarding.onboarding;

import io.github.aeponboarding.ExchangeContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.camel.Exchange;

/**
 * What a file of the inbox is, looked at without following it or reading it: only a regular file
 * within the size limit is read. A symbolic link (to a secret elsewhere on the host, say) or an
 * oversized file is refused unread: its failure document says why, and nothing of it is copied.
 */
public class InboxEntry {
    private final long maxBytes;
    private final Path deadLetter;

    public InboxEntry(long maxBytes, Path deadLetter) {
        this.maxBytes = maxBytes;
        this.deadLetter = deadLetter;
    }

    /**
     * A name for this failure's files in the dead letter folder that no earlier failure has: the
     * file's own name the first time, then with the time and a random suffix (a file dropped again
     * with the same name fails again, and both failures are kept). The writes refuse to overwrite.
     */
    public String deadLetterName(Exchange ex) {
        String name = ex.getProperty(ExchangeContract.ORIGINAL_NAME, String.class);
        if (!Files.exists(deadLetter.resolve(name + ".failure.json"), LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(deadLetter.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
            return name;
        }
        return name + "." + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now()) + "-" + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));
    }

    /** True when the entry was read (it is copied to the dead letter); a refused one stays only in inbox/.error. */
    public boolean wasRead(Exchange ex) {
        return ex.getProperty(RequestIntake.REFUSED) == null;
    }

    public void check(Exchange ex) throws IOException {
        Path file = Path.of(ex.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String refusal = null;
        if (attributes.isSymbolicLink()) {
            refusal = "an inbox entry must be a regular file, not a symbolic link; it was not read";
        } else if (!attributes.isRegularFile()) {
            refusal = "an inbox entry must be a regular file; it was not read";
        } else if (attributes.size() > maxBytes) {
            refusal = "is " + attributes.size() + " bytes, over the " + maxBytes
                    + "-byte limit (onboarding.max-request-bytes); it was not read and stays in inbox/.error";
        }
        if (refusal != null) {
            ex.setProperty(RequestIntake.REFUSED, refusal);
            ex.getMessage().setBody(new byte[0]);   // what keepOriginal keeps: nothing of the entry
        }
    }
}
