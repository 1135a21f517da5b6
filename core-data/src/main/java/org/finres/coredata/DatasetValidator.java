package org.finres.coredata;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks that a standard dataset adds up: every record well formed, per account opening + the day's entries =
 * closing, the declared record counts and control totals equal the recomputed ones, file checksums, referential
 * integrity, duplicates, currencies, and (given the previous business date's dataset) continuity. Every
 * discrepancy is reported with file, line, record id and the numbers that disagree; reading goes on after one.
 */
public final class DatasetValidator {

    private final ProgressListener progress;

    public DatasetValidator() {
        this(ProgressListener.NONE);
    }

    public DatasetValidator(ProgressListener progress) {
        this.progress = progress;
    }

    /**
     * Validates {@code dataset}, and its continuity with {@code previousDataset} when given.
     *
     * @throws MalformedInputException when a dataset.json is missing or unreadable (nothing can be checked then)
     */
    public ValidationReport validate(Path dataset, Optional<Path> previousDataset) {
        return validate(dataset, previousDataset, null);
    }

    ValidationReport validate(Path dataset, Optional<Path> previousDataset, DatasetWriter.SourceMap sources) {
        DatasetManifest manifest = DatasetReader.manifest(dataset);
        Run run = new Run(dataset, manifest, sources);
        run.readAll();
        run.checkBalances();
        run.checkDeclared();
        Optional<LocalDate> previousDate = Optional.empty();
        if (previousDataset.isPresent()) {
            DatasetManifest previous = DatasetReader.manifest(previousDataset.get());
            previousDate = Optional.of(previous.businessDate());
            run.checkContinuity(previousDataset.get(), previous);
        }
        return new ValidationReport(manifest.institution(), manifest.businessDate(), previousDate, run.listed,
                run.count, run.kinds, run.counts, run.tally.totals().asMap());
    }

    private record AccountInfo(CurrencyCode currency, AccountStatus status, LocalDate opened, long line) {
    }

    private record BalanceInfo(BigDecimal opening, BigDecimal closing, long line) {
    }

    private final class Run {
        final Path dataset;
        final DatasetManifest manifest;
        final DatasetWriter.SourceMap sources;
        final List<Discrepancy> listed = new ArrayList<>();
        final Map<DiscrepancyKind, Long> kinds = new EnumMap<>(DiscrepancyKind.class);
        long count;
        final Map<String, Long> counts = new TreeMap<>();
        final ControlTotals.Tally tally = new ControlTotals.Tally();
        final Set<CurrencyCode> currencies = new TreeSet<>();
        final Map<String, String> digests = new TreeMap<>();
        final Set<String> customers = new HashSet<>();
        final Map<String, AccountInfo> accounts = new HashMap<>();
        final Map<String, BalanceInfo> balances = new HashMap<>();
        final Map<String, BigDecimal> entrySums = new HashMap<>();
        final Set<String> transactionIds = new HashSet<>();
        long recordsSeen;

        Run(Path dataset, DatasetManifest manifest, DatasetWriter.SourceMap sources) {
            this.dataset = dataset;
            this.manifest = manifest;
            this.sources = sources;
        }

        void report(DiscrepancyKind kind, Entity entity, String file, long line, String id, String expected,
                String found, String detail) {
            Discrepancy d = new Discrepancy(kind, file, line, id, expected, found, detail, "");
            if (sources != null && entity != null) {
                d = d.withSource(sources.locate(entity, line));
            }
            count++;
            kinds.merge(kind, 1L, Long::sum);
            if (listed.size() < ValidationReport.MAX_LISTED) {
                listed.add(d);
            }
        }

        void readAll() {
            for (Entity entity : Entity.values()) {
                String file = entity.datasetFile();
                Path path = dataset.resolve(file);
                long records = 0;
                boolean broken = false;
                MessageDigest md = sha256();
                long size = fileSize(path);
                try (InputStream raw = Files.newInputStream(path);
                     CountingInput counting = new CountingInput(new BufferedInputStream(raw, 1 << 16));
                     LineReader lines = new LineReader(new DigestInputStream(counting, md))) {
                    String text;
                    while (true) {
                        try {
                            text = lines.next();
                        } catch (IOException e) {
                            report(DiscrepancyKind.MALFORMED_RECORD, entity, file, lines.lineNumber(), "", "", "",
                                    e.getMessage() + "; the rest of the file was not read");
                            broken = true;
                            break;
                        }
                        if (text == null) {
                            break;
                        }
                        records++;
                        long line = lines.lineNumber();
                        CoreRecord record;
                        try {
                            record = RecordJson.read(entity, text);
                        } catch (IllegalArgumentException e) {
                            report(DiscrepancyKind.MALFORMED_RECORD, entity, file, line, "", "", "", e.getMessage());
                            continue;
                        }
                        check(record, file, line);
                        if (++recordsSeen % 65_536 == 0) {
                            progress.progressed(new ProgressListener.Progress(ProgressListener.Phase.VALIDATING,
                                    file, counting.count, size, recordsSeen));
                        }
                    }
                } catch (NoSuchFileException e) {
                    report(DiscrepancyKind.FILE_CHECKSUM_MISMATCH, null, file, 0, "", "present", "missing",
                            "the file is missing");
                    counts.put(entity.key(), 0L);
                    continue;
                } catch (IOException e) {
                    throw new DatasetStorageException("cannot read " + path, e);
                }
                counts.put(entity.key(), records);
                digests.put(file, broken ? digestOf(path) : HexFormat.of().formatHex(md.digest()));
                progress.progressed(new ProgressListener.Progress(ProgressListener.Phase.VALIDATING, file, size, size,
                        recordsSeen));
            }
        }

        void check(CoreRecord record, String file, long line) {
            switch (record) {
                case Customer c -> {
                    if (!customers.add(c.id())) {
                        report(DiscrepancyKind.DUPLICATE_RECORD, Entity.CUSTOMERS, file, line, c.id(), "", "",
                                "customer " + c.id() + " appears more than once");
                    }
                }
                case Account a -> {
                    currencies.add(a.currency());
                    tally.touch(a.currency());
                    AccountInfo earlier = accounts.putIfAbsent(a.id(), new AccountInfo(a.currency(), a.status(),
                            a.opened(), line));
                    if (earlier != null) {
                        report(DiscrepancyKind.DUPLICATE_RECORD, Entity.ACCOUNTS, file, line, a.id(), "", "",
                                "account " + a.id() + " appears again (first on line " + earlier.line() + ")");
                    }
                    if (!customers.contains(a.customerId())) {
                        report(DiscrepancyKind.UNKNOWN_CUSTOMER, Entity.ACCOUNTS, file, line, a.id(), "",
                                a.customerId(), "account " + a.id() + " belongs to customer " + a.customerId()
                                        + ", who is not in customers.jsonl");
                    }
                }
                case Balance b -> {
                    currencies.add(b.currency());
                    tally.add(b);
                    AccountInfo account = accounts.get(b.accountId());
                    if (account == null) {
                        report(DiscrepancyKind.UNKNOWN_ACCOUNT, Entity.BALANCES, file, line, b.accountId(), "", "",
                                "balance for account " + b.accountId() + ", which is not in accounts.jsonl");
                    } else if (!account.currency().equals(b.currency())) {
                        report(DiscrepancyKind.CURRENCY_MISMATCH, Entity.BALANCES, file, line, b.accountId(),
                                account.currency().value(), b.currency().value(),
                                "balance currency differs from the account's");
                    }
                    if (!b.businessDate().equals(manifest.businessDate())) {
                        report(DiscrepancyKind.WRONG_BUSINESS_DATE, Entity.BALANCES, file, line, b.accountId(),
                                manifest.businessDate().toString(), b.businessDate().toString(),
                                "balance of another business date");
                    }
                    BalanceInfo earlier = balances.putIfAbsent(b.accountId(), new BalanceInfo(b.opening(), b.closing(),
                            line));
                    if (earlier != null) {
                        report(DiscrepancyKind.DUPLICATE_RECORD, Entity.BALANCES, file, line, b.accountId(), "", "",
                                "a second balance for account " + b.accountId() + " (first on line " + earlier.line()
                                        + ")");
                    }
                }
                case Transaction t -> {
                    currencies.add(t.currency());
                    tally.add(t);
                    if (!transactionIds.add(t.id())) {
                        report(DiscrepancyKind.DUPLICATE_RECORD, Entity.TRANSACTIONS, file, line, t.id(), "", "",
                                "transaction " + t.id() + " appears more than once");
                        return; // counted once in the balance check, so one duplicate is one discrepancy
                    }
                    AccountInfo account = accounts.get(t.accountId());
                    if (account == null) {
                        report(DiscrepancyKind.UNKNOWN_ACCOUNT, Entity.TRANSACTIONS, file, line, t.id(), "",
                                t.accountId(), "transaction on account " + t.accountId()
                                        + ", which is not in accounts.jsonl");
                        return;
                    }
                    if (!account.currency().equals(t.currency())) {
                        report(DiscrepancyKind.CURRENCY_MISMATCH, Entity.TRANSACTIONS, file, line, t.id(),
                                account.currency().value(), t.currency().value(),
                                "transaction currency differs from account " + t.accountId() + "'s");
                        return;
                    }
                    if (!t.bookingDate().equals(manifest.businessDate())) {
                        report(DiscrepancyKind.WRONG_BUSINESS_DATE, Entity.TRANSACTIONS, file, line, t.id(),
                                manifest.businessDate().toString(), t.bookingDate().toString(),
                                "transaction booked on another date than the dataset's business date");
                        return;
                    }
                    entrySums.merge(t.accountId(), t.signedAmount(), BigDecimal::add);
                }
            }
        }

        void checkBalances() {
            accounts.forEach((id, account) -> {
                BalanceInfo b = balances.get(id);
                BigDecimal entries = entrySums.getOrDefault(id, BigDecimal.ZERO.setScale(account.currency().scale()));
                if (b == null) {
                    report(DiscrepancyKind.MISSING_BALANCE, Entity.ACCOUNTS, Entity.ACCOUNTS.datasetFile(),
                            account.line(), id, "", "", "account " + id + " has no balance for "
                                    + manifest.businessDate());
                    return;
                }
                BigDecimal expected = b.opening().add(entries);
                if (expected.compareTo(b.closing()) != 0) {
                    report(DiscrepancyKind.BALANCE_DOES_NOT_ADD_UP, Entity.BALANCES, Entity.BALANCES.datasetFile(),
                            b.line(), id, expected.toPlainString(), b.closing().toPlainString(),
                            "opening " + b.opening().toPlainString() + " + entries " + entries.toPlainString()
                                    + " is not the closing balance");
                }
            });
        }

        void checkDeclared() {
            for (Entity e : Entity.values()) {
                Long declared = manifest.recordCounts().get(e.key());
                long found = counts.getOrDefault(e.key(), 0L);
                if (declared == null || declared != found) {
                    report(DiscrepancyKind.RECORD_COUNT_MISMATCH, null, DatasetManifest.FILE, 0, e.key(),
                            declared == null ? "declared" : declared.toString(), Long.toString(found),
                            "dataset.json declares another number of " + e.key() + " than " + e.datasetFile()
                                    + " holds");
                }
            }
            for (String key : manifest.recordCounts().keySet()) {
                if (!counts.containsKey(key)) {
                    report(DiscrepancyKind.RECORD_COUNT_MISMATCH, null, DatasetManifest.FILE, 0, key, "", key,
                            "dataset.json counts records of an unknown kind");
                }
            }
            compareTotals(manifest.controlTotals(), tally.totals().asMap(), DatasetManifest.FILE, this);
            List<String> declaredCurrencies = manifest.currencies().stream().map(CurrencyCode::value).toList();
            List<String> found = currencies.stream().map(CurrencyCode::value).toList();
            if (!declaredCurrencies.equals(found)) {
                report(DiscrepancyKind.CONTROL_TOTAL_MISMATCH, null, DatasetManifest.FILE, 0, "currencies",
                        String.join(",", found), String.join(",", declaredCurrencies),
                        "the declared currency list is not the currencies of the records");
            }
            for (Entity e : Entity.values()) {
                DatasetManifest.FileDigest d = manifest.files().get(e.datasetFile());
                String actual = digests.get(e.datasetFile());
                if (actual == null) {
                    continue; // missing file, reported already
                }
                if (d == null || !d.sha256().equals(actual)) {
                    report(DiscrepancyKind.FILE_CHECKSUM_MISMATCH, null, e.datasetFile(), 0, e.datasetFile(),
                            d == null ? "a checksum in dataset.json" : d.sha256(), actual,
                            "the file is not the one dataset.json was written for (changed or replaced)");
                }
            }
        }

        void checkContinuity(Path previousDataset, DatasetManifest previous) {
            String prefix = previousDataset.getFileName() + "/";
            if (!previous.institution().equals(manifest.institution())) {
                report(DiscrepancyKind.PREVIOUS_DATASET_MISMATCH, null, prefix + DatasetManifest.FILE, 0,
                        "institution", manifest.institution(), previous.institution(),
                        "the previous dataset belongs to another institution");
                return;
            }
            if (!previous.businessDate().isBefore(manifest.businessDate())) {
                report(DiscrepancyKind.PREVIOUS_DATASET_MISMATCH, null, prefix + DatasetManifest.FILE, 0,
                        "businessDate", "before " + manifest.businessDate(), previous.businessDate().toString(),
                        "the previous dataset is not of an earlier business date");
                return;
            }
            Map<String, AccountStatus> previousStatus = new HashMap<>();
            DatasetReader.forEachLenient(previousDataset, Entity.ACCOUNTS, (line, r) ->
                    previousStatus.put(((Account) r).id(), ((Account) r).status()));
            Map<String, BigDecimal> previousClosing = new HashMap<>();
            DatasetReader.forEachLenient(previousDataset, Entity.BALANCES, (line, r) ->
                    previousClosing.putIfAbsent(((Balance) r).accountId(), ((Balance) r).closing()));
            String balancesFile = Entity.BALANCES.datasetFile();
            previousClosing.forEach((id, closing) -> {
                BalanceInfo today = balances.get(id);
                if (today == null) {
                    if (!accounts.containsKey(id) && previousStatus.get(id) != AccountStatus.CLOSED) {
                        report(DiscrepancyKind.ACCOUNT_VANISHED, null, prefix + balancesFile, 0, id, "present", "missing",
                                "account " + id + " was open on " + previous.businessDate() + " and is missing on "
                                        + manifest.businessDate());
                    }
                    return;
                }
                if (today.opening().compareTo(closing) != 0) {
                    report(DiscrepancyKind.OPENING_DIFFERS_FROM_PREVIOUS_CLOSING, Entity.BALANCES, balancesFile,
                            today.line(), id, closing.toPlainString(), today.opening().toPlainString(),
                            "opening balance differs from the closing balance of " + previous.businessDate());
                }
            });
            accounts.forEach((id, account) -> {
                if (previousClosing.containsKey(id)) {
                    return;
                }
                BalanceInfo today = balances.get(id);
                boolean openedInBetween = account.opened() == null
                        || account.opened().isAfter(previous.businessDate())
                        && !account.opened().isAfter(manifest.businessDate());
                if (today != null && today.opening().signum() != 0 || !openedInBetween) {
                    report(DiscrepancyKind.ACCOUNT_APPEARED_WITHOUT_OPENING, Entity.ACCOUNTS,
                            Entity.ACCOUNTS.datasetFile(), account.line(), id,
                            "opened after " + previous.businessDate() + " with opening 0",
                            "opened " + (account.opened() == null ? "unknown" : account.opened()) + ", opening "
                                    + (today == null ? "none" : today.opening().toPlainString()),
                            "account " + id + " was not in the dataset of " + previous.businessDate());
                }
            });
        }
    }

    /** Compares declared totals with recomputed ones key by key, reporting each that differs or is missing. */
    private static void compareTotals(Map<String, String> declared, Map<String, String> recomputed, String file,
            Run run) {
        Set<String> keys = new TreeSet<>(declared.keySet());
        keys.addAll(recomputed.keySet());
        for (String key : keys) {
            String d = declared.get(key);
            String r = recomputed.get(key);
            if (d == null || r == null || new BigDecimal(d).compareTo(new BigDecimal(r)) != 0) {
                run.report(DiscrepancyKind.CONTROL_TOTAL_MISMATCH, null, file, 0, key, r == null ? "absent" : r,
                        d == null ? "absent" : d, "declared control total " + key
                                + " differs from the one recomputed from the records");
            }
        }
    }

    /** Declared totals of a source (e.g. control_totals.csv) against a report's recomputed ones. */
    static List<Discrepancy> compareSourceTotals(Map<String, String> declared, ValidationReport report, String file) {
        List<Discrepancy> out = new ArrayList<>();
        for (Map.Entry<String, String> e : declared.entrySet()) {
            String key = e.getKey();
            String found = key.startsWith("records.")
                    ? String.valueOf(report.recordCounts().get(key.substring("records.".length())))
                    : report.controlTotals().get(key);
            boolean same;
            try {
                same = found != null && !"null".equals(found)
                        && new BigDecimal(e.getValue()).compareTo(new BigDecimal(found)) == 0;
            } catch (NumberFormatException ex) {
                same = false;
            }
            if (!same) {
                out.add(new Discrepancy(key.startsWith("records.") ? DiscrepancyKind.RECORD_COUNT_MISMATCH
                        : DiscrepancyKind.CONTROL_TOTAL_MISMATCH, file, 0, key, e.getValue(),
                        found == null || "null".equals(found) ? "absent" : found,
                        "the source declares " + key + " = " + e.getValue() + " but its records add up to "
                                + (found == null ? "nothing" : found), ""));
            }
        }
        return out;
    }

    private static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Counts bytes read, for progress. */
    static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** The SHA-256 of a whole file (used when reading stopped early at an unreadable line). */
    private static String digestOf(Path path) {
        MessageDigest md = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new DatasetStorageException("cannot read " + path, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
