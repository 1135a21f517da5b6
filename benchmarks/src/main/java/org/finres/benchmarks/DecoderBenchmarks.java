package org.finres.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.finres.core.InstitutionId;
import org.finres.events.DecodeContext;
import org.finres.events.EventDecoder;
import org.finres.events.EventDecoders;
import org.finres.events.InputFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.json.JsonMapper;

/** Per-decoder throughput (events/s per thread), with plain JSON parsing of the same bytes as the baseline. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecoderBenchmarks {

    private static final String CEF = "CEF:0|Fortinet|FortiGate|7.2.5|0000000013|traffic denied|5|rt=1795313731000 "
            + "src=198.51.100.7 spt=51515 dst=10.1.2.3 dpt=443 proto=6 act=deny deviceExternalId=fw01 msg=denied by policy 12";
    private static final String LEEF = "LEEF:2.0|IBM|Security Verify|10.0|LoginFailure|^|devTime=Nov 21 2026 10:15:00"
            + "^devTimeFormat=MMM dd yyyy HH:mm:ss^src=203.0.113.9^usrName=teller01^sev=7^cat=Authentication";
    private static final String SYSLOG = "<38>1 2026-11-21T10:15:30.123+08:00 core-bank-01 sshd 4242 - - Failed password "
            + "for root from 192.0.2.44 port 50222 ssh2";
    private static final String ECS = "{\"@timestamp\":\"2026-11-21T02:15:31Z\",\"event\":{\"kind\":\"event\",\"category\":"
            + "[\"network\"],\"type\":[\"protocol\"],\"dataset\":\"dns\"},\"source\":{\"ip\":\"10.1.2.3\"},\"destination\":"
            + "{\"ip\":\"10.0.0.53\",\"port\":53},\"dns\":{\"type\":\"query\",\"question\":{\"name\":\"www.fsc.gov.tw\","
            + "\"type\":\"A\"}},\"host\":{\"name\":\"ws-01\"}}";
    private static final String OCSF = "{\"class_uid\":2004,\"category_uid\":2,\"activity_id\":1,\"type_uid\":200401,"
            + "\"severity_id\":5,\"time\":1795313731000,\"metadata\":{\"product\":{\"name\":\"EDR\",\"vendor_name\":\"Acme\"},"
            + "\"version\":\"1.9.0\"},\"finding_info\":{\"uid\":\"f-1\",\"title\":\"LSASS memory dump\"}}";
    private static final String WINDOWS = "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\","
            + "\"SourceName\":\"Microsoft-Windows-Sysmon\",\"Hostname\":\"ws-01.bank.local\",\"EventTime\":\"2020-09-21 19:37:48\","
            + "\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\",\"CommandLine\":\"cmd.exe /c whoami\","
            + "\"User\":\"BANK\\\\teller01\",\"ProcessId\":\"4242\",\"ParentImage\":\"C:\\\\Windows\\\\explorer.exe\"}";

    @Param({"CEF", "LEEF", "SYSLOG_RFC5424", "ECS_JSON", "OCSF_JSON", "WINDOWS_EVENT_JSON"})
    public String format;

    private byte[] input;
    private EventDecoder decoder;
    private DecodeContext context;
    private final JsonMapper json = JsonMapper.builder().build();

    @Setup
    public void setUp() {
        InputFormat f = InputFormat.valueOf(format);
        input = (switch (f) {
            case CEF -> CEF;
            case LEEF -> LEEF;
            case SYSLOG_RFC5424 -> SYSLOG;
            case ECS_JSON -> ECS;
            case OCSF_JSON -> OCSF;
            default -> WINDOWS;
        }).getBytes(StandardCharsets.UTF_8);
        decoder = EventDecoders.forFormat(f);
        context = DecodeContext.of(InstitutionId.of("bench-bank"), Instant.parse("2026-11-21T10:00:00Z"));
    }

    @Benchmark
    public Object decode() {
        return decoder.decode(input, context);
    }

    /** The baseline: parse the same bytes as a JSON tree (for text formats, a JSON string of the same length). */
    @Benchmark
    public Object parseJsonBaseline() {
        return input[0] == '{' ? json.readTree(input) : json.readTree("\"" + new String(input, StandardCharsets.UTF_8)
                .replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
}
