package org.finres.events.internal.decode;

import org.finres.events.AccountChange;
import org.finres.events.Actor;
import org.finres.events.Authentication;
import org.finres.events.BaseAttributes;
import org.finres.events.BaseEvent;
import org.finres.events.ConnectionInfo;
import org.finres.events.DecodeContext;
import org.finres.events.Decoding;
import org.finres.events.Device;
import org.finres.events.DnsActivity;
import org.finres.events.DnsAnswer;
import org.finres.events.DnsQuery;
import org.finres.events.EventDecoder;
import org.finres.events.FileInfo;
import org.finres.events.FileSystemActivity;
import org.finres.events.Fingerprint;
import org.finres.events.InputFormat;
import org.finres.events.NetworkActivity;
import org.finres.events.NetworkEndpoint;
import org.finres.events.OcsfEvent;
import org.finres.events.OcsfJson;
import org.finres.events.OperatingSystem;
import org.finres.events.ProcessActivity;
import org.finres.events.ProcessInfo;
import org.finres.events.Product;
import org.finres.events.RegistryKey;
import org.finres.events.RegistryKeyActivity;
import org.finres.events.RegistryValue;
import org.finres.events.RegistryValueActivity;
import org.finres.events.Session;
import org.finres.events.Severity;
import org.finres.events.User;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Windows events as JSON, in both shapes the sector's collectors produce: the evtx rendering
 * {@code {"Event":{"System":{...},"EventData":{...}}}} (or {@code UserData}), and the flat records of NXLog and
 * Winlogbeat-style shippers, where system and event data fields sit side by side ({@code EventID}, {@code SourceName},
 * {@code Hostname}, {@code Image}...). Input may hold one event, a JSON array, JSON Lines or objects written one after
 * another. Sysmon and Security-Auditing events map to their OCSF classes as DECODERS.md tabulates; every other event
 * becomes a Base Event with its data under {@code unmapped}.
 */
public final class WindowsEventDecoder implements EventDecoder {

    private static final String SYSMON = "Microsoft-Windows-Sysmon";
    private static final String SECURITY = "Microsoft-Windows-Security-Auditing";

    /** Fields flat shippers add around the event data: the system part of the event, and their own bookkeeping. */
    private static final Set<String> FLAT_SYSTEM = Set.of("SourceName", "ProviderName", "EventID", "Channel",
            "Hostname", "Computer", "TimeCreated", "EventTime", "@timestamp", "Message", "Level", "RecordNumber",
            "EventRecordID", "SeverityValue", "Severity");

    private static final Map<String, Integer> INTEGRITY = Map.of("untrusted", 1, "low", 2, "medium", 3, "high", 4,
            "system", 5, "protected", 6, "appcontainer", 1);
    private static final Map<Integer, String> LOGON_TYPES = Map.ofEntries(Map.entry(0, "System"),
            Map.entry(2, "Interactive"), Map.entry(3, "Network"), Map.entry(4, "Batch"), Map.entry(5, "OS Service"),
            Map.entry(7, "Unlock"), Map.entry(8, "Network Cleartext"), Map.entry(9, "New Credentials"),
            Map.entry(10, "Remote Interactive"), Map.entry(11, "Cached Interactive"),
            Map.entry(12, "Cached Remote Interactive"), Map.entry(13, "Cached Unlock"));

    /** One Windows event with its system part read, whichever shape it came in. */
    private record WinEvent(String shape, String provider, long eventId, String channel, String computer, Long time,
                            String timeText, String recordId, Severity severity, Integer statusId, String message,
                            SourceFields fields) {
    }

    @Override
    public InputFormat format() {
        return InputFormat.WINDOWS_EVENT_JSON;
    }

    @Override
    public Decoding decode(byte[] input, DecodeContext context) {
        return JsonDocuments.decodeEach(input, context, "no Windows event in input", this::decodeDocument);
    }

    /** Whether a JSON object is a Windows event in one of the shapes we read. */
    public static boolean isWindowsEvent(JsonNode node) {
        if (node == null || !node.isObject()) {
            return false;
        }
        JsonNode event = node.get("Event");
        if (event != null && event.isObject() && event.get("System") != null) {
            return true;
        }
        return node.has("EventID") && (node.has("SourceName") || node.has("ProviderName") || node.has("Channel"));
    }

    public Decoding decodeDocument(JsonNode node, DecodeContext context, String raw) {
        WinEvent event = read(node, context);
        if (event == null) {
            return Decoding.Undecodable.of("not a Windows event: needs Event.System or EventID with SourceName or Channel", raw);
        }
        return Decoding.Decoded.of(map(event, context, raw));
    }

    private WinEvent read(JsonNode node, DecodeContext context) {
        if (!isWindowsEvent(node)) {
            return null;
        }
        JsonNode event = node.get("Event");
        if (event != null && event.isObject() && event.get("System") != null && event.get("System").isObject()) {
            return readRendered(event, context);
        }
        return readFlat(node, context);
    }

    private WinEvent readRendered(JsonNode event, DecodeContext context) {
        JsonNode system = event.get("System");
        Map<String, Object> data = new LinkedHashMap<>();
        JsonNode eventData = event.get("EventData");
        if (eventData != null && eventData.isObject()) {
            readData(eventData, data);
        }
        JsonNode userData = event.get("UserData");
        if (userData != null && userData.isObject()) {
            for (var element : userData.properties()) {
                data.put("UserData", element.getKey());
                if (element.getValue().isObject()) {
                    readData(element.getValue(), data);
                }
            }
        }
        for (var property : system.properties()) {
            String name = property.getKey();
            if (Set.of("Provider", "EventID", "Channel", "Computer", "TimeCreated", "EventRecordID", "Level").contains(name)) {
                continue;
            }
            Object value = plain(property.getValue());
            if (value != null) {
                data.putIfAbsent(data.containsKey(name) ? "System." + name : name, value);
            }
        }
        String provider = text(system.path("Provider").path("#attributes").path("Name"));
        Long eventId = number(text(system.get("EventID") != null && system.get("EventID").isObject()
                ? system.get("EventID").get("#text") : system.get("EventID")));
        String timeText = text(system.path("TimeCreated").path("#attributes").path("SystemTime"));
        Long level = number(text(system.get("Level")));
        String keywords = text(system.get("Keywords"));
        return new WinEvent("windows-evtx-json", provider, eventId == null ? -1 : eventId, text(system.get("Channel")),
                text(system.get("Computer")), SourceTimes.parse(timeText, java.time.ZoneOffset.UTC, context.receivedAt()).orElse(null),
                timeText, text(system.get("EventRecordID")), SeverityScales.windowsLevel(level), auditStatus(keywords, null),
                null, new SourceFields(data));
    }

    private WinEvent readFlat(JsonNode node, DecodeContext context) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (var property : node.properties()) {
            if (!FLAT_SYSTEM.contains(property.getKey())) {
                data.put(property.getKey(), plain(property.getValue()));
            }
        }
        String provider = text(node.get("SourceName"));
        if (provider == null) {
            provider = text(node.get("ProviderName"));
        }
        String channel = text(node.get("Channel"));
        if (provider == null && "Microsoft-Windows-Sysmon/Operational".equals(channel)) {
            provider = SYSMON;
        } else if (provider == null && "Security".equals(channel)) {
            provider = SECURITY;
        }
        Long eventId = number(text(node.get("EventID")));
        String timeText = null;
        Long time = null;
        // Shippers' own UTC stamp first; then the event's creation time, local unless it says otherwise.
        for (String key : List.of("@timestamp", "TimeCreated", "EventTime")) {
            String candidate = text(node.get(key));
            if (candidate != null) {
                time = SourceTimes.parse(candidate, context.sourceZone(), context.receivedAt()).orElse(null);
                if (time != null) {
                    timeText = candidate;
                    break;
                }
            }
        }
        Severity severity = SeverityScales.windowsLevel(number(text(node.get("Level"))));
        if (severity == Severity.UNKNOWN) {
            severity = nxlogSeverity(number(text(node.get("SeverityValue"))));
        }
        String hostname = text(node.get("Hostname"));
        if (hostname == null) {
            hostname = text(node.get("Computer"));
        }
        String recordId = text(node.get("RecordNumber"));
        if (recordId == null) {
            recordId = text(node.get("EventRecordID"));
        }
        return new WinEvent("windows-flat-json", provider, eventId == null ? -1 : eventId, channel,
                hostname, time, timeText, recordId, severity,
                auditStatus(text(node.get("Keywords")), text(node.get("EventType"))), text(node.get("Message")),
                new SourceFields(data));
    }

    private static void readData(JsonNode eventData, Map<String, Object> into) {
        JsonNode dataArray = eventData.get("Data");
        if (dataArray != null && (dataArray.isArray() || dataArray.isObject())) {
            // <Data Name="x">y</Data> rendered as objects with a name attribute and a text.
            for (JsonNode item : dataArray.isArray() ? dataArray : List.of(dataArray)) {
                String name = text(item.path("#attributes").path("Name"));
                if (name == null) {
                    name = text(item.get("@Name"));
                }
                if (name == null) {
                    name = text(item.get("Name"));
                }
                JsonNode value = item.has("#text") ? item.get("#text") : item.get("Value");
                if (name != null) {
                    into.put(name, plain(value));
                } else if (!item.isObject()) {
                    into.merge("Data", plain(item), (a, b) -> a + "," + b);
                }
            }
        }
        for (var property : eventData.properties()) {
            if (!property.getKey().equals("Data") && !property.getKey().equals("#attributes")) {
                into.put(property.getKey(), plain(property.getValue()));
            }
        }
    }

    private OcsfEvent map(WinEvent w, DecodeContext context, String raw) {
        SourceFields f = w.fields();
        BaseAttributes.Builder base = BaseAttributes.builder()
                .severity(w.severity())
                .time(w.time())
                .statusId(w.statusId())
                .message(w.message())
                .device(w.computer() == null ? null
                        : new Device(w.computer(), null, null, null, null, 0, OperatingSystem.WINDOWS))
                .metadata(Completion.metadata(new Product(w.provider(), "Microsoft", null, null), w.shape(),
                        String.valueOf(w.eventId()), w.channel(), w.recordId(), w.timeText(), context));
        String provider = w.provider() == null ? "" : w.provider();
        boolean sysmon = provider.equalsIgnoreCase(SYSMON) || "Microsoft-Windows-Sysmon/Operational".equals(w.channel());
        boolean security = provider.equalsIgnoreCase(SECURITY);
        OcsfEvent draft = null;
        if (sysmon) {
            draft = sysmon(w, f, base);
        } else if (security) {
            draft = security(w, f, base);
        }
        if (draft == null) {
            draft = new BaseEvent(base.activityId(BaseEvent.UNKNOWN).build());
        }
        return Completion.finish(draft, f, context, raw);
    }

    private OcsfEvent sysmon(WinEvent w, SourceFields f, BaseAttributes.Builder base) {
        return switch ((int) w.eventId()) {
            case 1 -> {
                ProcessInfo parent = new ProcessInfo(integer(f.text("ParentProcessId")), guid(f.text("ParentProcessGuid")),
                        FileInfo.nameOf(f.peek("ParentImage")), f.text("ParentCommandLine"), file(f.text("ParentImage")),
                        null, user(f.text("ParentUser"), null), null, null, null, null, null);
                User user = user(f.text("User"), null);
                String integrity = f.text("IntegrityLevel");
                String image = f.text("Image");
                FileInfo file = file(image);
                if (file != null) {
                    file = new FileInfo(file.name(), file.path(), file.typeId(), hashes(f.text("Hashes")), null,
                            f.text("Company"), f.text("Description"), f.text("FileVersion"),
                            f.peek("Product") == null ? null : Product.of(f.text("Product"), f.peek("Company")),
                            null, null, null);
                }
                ProcessInfo process = new ProcessInfo(integer(f.text("ProcessId")), guid(f.text("ProcessGuid")),
                        FileInfo.nameOf(image), f.text("CommandLine"), file, parent, user,
                        session(f.text("LogonId"), f.text("LogonGuid"), f.text("TerminalSessionId")),
                        f.text("CurrentDirectory"), integrityId(integrity), integrity, utc(f.text("UtcTime")));
                yield new ProcessActivity(base.activityId(ProcessActivity.LAUNCH)
                        .actor(Actor.of(parent.user() != null ? parent.user() : user, parent)).build(), process, null);
            }
            case 2 -> {
                FileInfo file = fileWithTimes(f.text("TargetFilename"), utc(f.text("CreationUtcTime")), null);
                yield new FileSystemActivity(base.activityId(FileSystemActivity.SET_ATTRIBUTES)
                        .actor(actor(f)).build(), file, null);
            }
            case 3 -> {
                Boolean initiated = bool(f.text("Initiated"));
                NetworkEndpoint src = NetworkEndpoint.of(f.text("SourceIp"), integer(f.text("SourcePort")),
                        f.text("SourceHostname"));
                NetworkEndpoint dst = NetworkEndpoint.of(f.text("DestinationIp"), integer(f.text("DestinationPort")),
                        f.text("DestinationHostname"));
                Boolean ipv6 = bool(f.text("SourceIsIpv6"));
                f.text("DestinationIsIpv6");
                ConnectionInfo connection = new ConnectionInfo(initiated == null ? 0 : initiated ? 2 : 1,
                        initiated == null ? null : initiated ? "Outbound" : "Inbound",
                        lower(f.text("Protocol")), null, ipv6 == null ? null : ipv6 ? 6 : 4);
                yield new NetworkActivity(base.activityId(NetworkActivity.OPEN).actor(actor(f)).build(), src, dst,
                        connection, null, null);
            }
            case 5 -> {
                ProcessInfo process = ProcessInfo.of(integer(f.text("ProcessId")), guid(f.text("ProcessGuid")), f.text("Image"));
                User user = user(f.text("User"), null);
                // Process termination is reflexive: the exiting process is both actor and target.
                yield new ProcessActivity(base.activityId(ProcessActivity.TERMINATE).actor(Actor.of(user, process)).build(),
                        process, null);
            }
            case 8, 10 -> {
                ProcessInfo target = ProcessInfo.of(integer(f.text("TargetProcessId")), guid(f.text("TargetProcessGuid", "TargetProcessGUID")),
                        f.text("TargetImage"));
                ProcessInfo source = ProcessInfo.of(integer(f.text("SourceProcessId")), guid(f.text("SourceProcessGuid", "SourceProcessGUID")),
                        f.text("SourceImage"));
                User user = user(f.text("SourceUser"), null);
                yield new ProcessActivity(base.activityId(w.eventId() == 8 ? ProcessActivity.INJECT : ProcessActivity.OPEN)
                        .actor(Actor.of(user, source)).build(), target, null);
            }
            case 11, 15 -> new FileSystemActivity(base.activityId(FileSystemActivity.CREATE).actor(actor(f)).build(),
                    fileWithTimes(f.text("TargetFilename"), utc(f.text("CreationUtcTime")), f.text("Hash", "Hashes")), null);
            case 23, 26 -> new FileSystemActivity(base.activityId(FileSystemActivity.DELETE).actor(actor(f)).build(),
                    fileWithTimes(f.text("TargetFilename"), null, f.text("Hashes")), null);
            case 12, 13, 14 -> registry(w, f, base);
            case 22 -> dns(f, base);
            default -> null;
        };
    }

    private OcsfEvent registry(WinEvent w, SourceFields f, BaseAttributes.Builder base) {
        String type = f.text("EventType");
        if (type == null || type.equalsIgnoreCase("INFO")) {
            // Some shippers overwrite Sysmon's EventType with their own; the rendered message still has it.
            type = messageField(w.message(), "EventType");
        }
        String target = f.text("TargetObject");
        base.actor(actor(f));
        String kind = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (w.eventId() == 14 || kind.startsWith("rename")) {
            return new RegistryKeyActivity(base.activityId(RegistryKeyActivity.RENAME).build(),
                    key(f.text("NewName")), key(target));
        }
        if (w.eventId() == 13 || kind.endsWith("value")) {
            String details = f.text("Details");
            int activity = kind.startsWith("delete") ? RegistryValueActivity.DELETE : RegistryValueActivity.SET;
            return new RegistryValueActivity(base.activityId(activity).build(), value(target, details), null);
        }
        int activity = kind.startsWith("delete") ? RegistryKeyActivity.DELETE
                : kind.startsWith("create") ? RegistryKeyActivity.CREATE : 0;
        return new RegistryKeyActivity(base.activityId(activity).build(), key(target), null);
    }

    private OcsfEvent dns(SourceFields f, BaseAttributes.Builder base) {
        String status = f.text("QueryStatus");
        Long code = SourceFields.parseNumber(status);
        int rcodeId = rcodeOf(code);
        List<DnsAnswer> answers = new ArrayList<>();
        String results = f.text("QueryResults");
        if (results != null) {
            for (String part : results.split(";")) {
                String item = part.strip();
                if (item.isEmpty()) {
                    continue;
                }
                if (item.startsWith("type:")) {
                    String[] words = item.substring(5).strip().split("\\s+", 2);
                    String recordType = switch (words[0]) {
                        case "5" -> "CNAME";
                        case "1" -> "A";
                        case "28" -> "AAAA";
                        case "12" -> "PTR";
                        case "15" -> "MX";
                        case "16" -> "TXT";
                        case "33" -> "SRV";
                        default -> words[0];
                    };
                    answers.add(new DnsAnswer(words.length > 1 ? words[1] : words[0], recordType, "IN", null, null));
                } else {
                    String address = item.startsWith("::ffff:") ? item.substring(7) : item;
                    answers.add(new DnsAnswer(address, address.contains(":") ? "AAAA" : "A", "IN", null, null));
                }
            }
        }
        String rcode = switch (rcodeId) {
            case 0 -> "NoError";
            case 1 -> "FormError";
            case 2 -> "ServError";
            case 3 -> "NXDomain";
            case 4 -> "NotImp";
            case 5 -> "Refused";
            default -> status;
        };
        return new DnsActivity(base.activityId(DnsActivity.TRAFFIC).actor(actor(f)).build(), null, null, null,
                DnsQuery.of(f.text("QueryName")), answers, status == null ? null : rcodeId, status == null ? null : rcode);
    }

    /** Windows DNS status codes (winerror.h DNS_ERROR_RCODE_*) to DNS RCODEs; "no records" is a NOERROR answer. */
    private static int rcodeOf(Long status) {
        if (status == null) {
            return 0;
        }
        if (status == 0 || status == 9501 || status == 9701) {
            return 0;
        }
        if (status >= 9001 && status <= 9010) {
            return (int) (status - 9000);
        }
        return 99;
    }

    private OcsfEvent security(WinEvent w, SourceFields f, BaseAttributes.Builder base) {
        int id = (int) w.eventId();
        return switch (id) {
            case 4624, 4625, 4634, 4647, 4648 -> authentication(id, f, base);
            case 4688 -> {
                User subject = user(f.text("SubjectUserName"), f.text("SubjectDomainName"), f.text("SubjectUserSid"));
                User target = user(f.text("TargetUserName"), f.text("TargetDomainName"), f.text("TargetUserSid"));
                ProcessInfo parent = new ProcessInfo(integer(f.text("ProcessId")), null,
                        FileInfo.nameOf(f.peek("ParentProcessName")), null, file(f.text("ParentProcessName")), null,
                        subject, session(f.text("SubjectLogonId"), null, null), null, null, null, null);
                String label = f.text("MandatoryLabel");
                String integrity = integrityOfLabel(label);
                String image = f.text("NewProcessName");
                ProcessInfo process = new ProcessInfo(integer(f.text("NewProcessId")), null, FileInfo.nameOf(image),
                        f.text("CommandLine"), file(image), parent, target != null ? target : subject,
                        session(f.text("TargetLogonId"), null, null), null, integrityId(integrity), integrity, null);
                yield new ProcessActivity(base.activityId(ProcessActivity.LAUNCH).actor(Actor.of(subject, parent)).build(),
                        process, null);
            }
            case 4689 -> {
                User subject = user(f.text("SubjectUserName"), f.text("SubjectDomainName"), f.text("SubjectUserSid"));
                ProcessInfo process = new ProcessInfo(integer(f.text("ProcessId")), null,
                        FileInfo.nameOf(f.peek("ProcessName")), null, file(f.text("ProcessName")), null, subject,
                        session(f.text("SubjectLogonId"), null, null), null, null, null, null);
                yield new ProcessActivity(base.activityId(ProcessActivity.TERMINATE).actor(Actor.of(subject, process)).build(),
                        process, integer(f.text("Status")));
            }
            case 4720, 4722, 4723, 4724, 4725, 4726, 4738, 4740, 4767 -> {
                int activity = switch (id) {
                    case 4720 -> AccountChange.CREATE;
                    case 4722 -> AccountChange.ENABLE;
                    case 4723 -> AccountChange.PASSWORD_CHANGE;
                    case 4724 -> AccountChange.PASSWORD_RESET;
                    case 4725 -> AccountChange.DISABLE;
                    case 4726 -> AccountChange.DELETE;
                    case 4740 -> AccountChange.LOCK;
                    case 4767 -> AccountChange.UNLOCK;
                    default -> 99; // 4738 "user account changed" has no OCSF activity of its own
                };
                User subject = user(f.text("SubjectUserName"), f.text("SubjectDomainName"), f.text("SubjectUserSid"));
                User target = user(f.text("TargetUserName"), f.text("TargetDomainName"), f.text("TargetSid", "TargetUserSid"));
                if (subject != null) {
                    base.actor(new Actor(subject, null, session(f.text("SubjectLogonId"), null, null), null));
                }
                yield new AccountChange(base.activityId(activity).build(), target, null, null);
            }
            default -> null;
        };
    }

    private OcsfEvent authentication(int id, SourceFields f, BaseAttributes.Builder base) {
        User subject = user(f.text("SubjectUserName"), f.text("SubjectDomainName"), f.text("SubjectUserSid"));
        User user = user(f.text("TargetUserName"), f.text("TargetDomainName"), f.text("TargetUserSid"));
        Integer logonType = integer(f.text("LogonType"));
        String package_ = f.text("AuthenticationPackageName");
        String lmPackage = f.text("LmPackageName");
        Integer protocolId = null;
        String protocol = null;
        if (package_ != null) {
            String p = package_.toLowerCase(Locale.ROOT);
            protocolId = p.equals("kerberos") ? 2 : p.startsWith("ntlm") ? 1 : 99;
            protocol = protocolId == 2 ? "Kerberos" : protocolId == 1 ? "NTLM" : package_;
            if (protocolId == 99 && lmPackage != null && lmPackage.toUpperCase(Locale.ROOT).startsWith("NTLM")) {
                protocolId = 1;
                protocol = "NTLM";
            }
        }
        NetworkEndpoint src = null;
        String ip = f.text("IpAddress");
        Integer port = integer(f.text("IpPort"));
        String workstation = f.text("WorkstationName");
        if (ip != null || port != null || workstation != null) {
            src = NetworkEndpoint.of(ip, port == null || port == 0 ? null : port, workstation);
        }
        NetworkEndpoint dst = null;
        String server = f.text("TargetServerName");
        if (server != null) {
            dst = NetworkEndpoint.of(null, null, server);
        }
        String processName = f.text("ProcessName");
        Integer processId = integer(f.text("ProcessId"));
        ProcessInfo logonProcess = processName == null && (processId == null || processId == 0) ? null
                : ProcessInfo.of(processId, null, processName);
        if (subject != null || logonProcess != null) {
            base.actor(new Actor(subject, id == 4648 ? logonProcess : null,
                    session(f.text("SubjectLogonId"), null, null), null));
        }
        if (id == 4624) {
            base.statusId(1);
        } else if (id == 4625) {
            base.statusId(2).statusCode(f.text("Status")).statusDetail(f.text("FailureReason"));
        }
        boolean logoff = id == 4634 || id == 4647;
        String logonId = f.text("TargetLogonId");
        Boolean remote = logonType == null ? null : logonType == 3 || logonType == 8 || logonType == 10 || logonType == 12;
        return new Authentication(base.activityId(logoff ? Authentication.LOGOFF : Authentication.LOGON).build(), user,
                src, dst, logonType == null ? null : LOGON_TYPES.containsKey(logonType) ? logonType : 99,
                logonType == null ? null : LOGON_TYPES.getOrDefault(logonType, String.valueOf(logonType)),
                protocolId, protocol, remote, session(logonId, f.text("LogonGuid"), null),
                id == 4648 ? null : logonProcess);
    }

    private static Actor actor(SourceFields f) {
        ProcessInfo process = ProcessInfo.of(integer(f.text("ProcessId")), guid(f.text("ProcessGuid")), f.text("Image"));
        User user = user(f.text("User"), null);
        return Actor.of(user, process.pid() == null && process.uid() == null && process.file() == null ? null : process);
    }

    private static RegistryKey key(String path) {
        return path == null ? null : RegistryKey.of(path);
    }

    private static RegistryValue value(String target, String details) {
        if (target == null) {
            return null;
        }
        int cut = target.lastIndexOf('\\');
        String path = cut < 0 ? target : target.substring(0, cut);
        String name = cut < 0 ? target : target.substring(cut + 1);
        if (name.isEmpty()) {
            name = "(Default)";
        }
        Integer typeId = null;
        String type = null;
        String data = details;
        if (details != null) {
            if (details.startsWith("DWORD (")) {
                typeId = 2;
                type = "REG_DWORD";
            } else if (details.startsWith("QWORD (")) {
                typeId = 8;
                type = "REG_QWORD";
            } else if (details.equals("Binary Data")) {
                typeId = 1;
                type = "REG_BINARY";
                data = null;
            }
        }
        return new RegistryValue(path, name, data, typeId, type);
    }

    private static FileInfo file(String path) {
        return path == null ? null : FileInfo.ofPath(path);
    }

    private static FileInfo fileWithTimes(String path, Long created, String hashes) {
        if (path == null) {
            return null;
        }
        FileInfo file = FileInfo.ofPath(path);
        return new FileInfo(file.name(), file.path(), file.typeId(), hashes(hashes), null, null, null, null, null,
                created, null, null);
    }

    private static List<Fingerprint> hashes(String text) {
        if (text == null) {
            return List.of();
        }
        List<Fingerprint> out = new ArrayList<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                continue;
            }
            String algorithm = part.substring(0, eq).strip().toUpperCase(Locale.ROOT);
            String value = part.substring(eq + 1).strip();
            out.add(switch (algorithm) {
                case "MD5" -> new Fingerprint(1, "MD5", value);
                case "SHA1" -> new Fingerprint(2, "SHA-1", value);
                case "SHA256" -> new Fingerprint(3, "SHA-256", value);
                case "SHA384" -> new Fingerprint(9, "SHA-384", value);
                case "SHA512" -> new Fingerprint(4, "SHA-512", value);
                case "IMPHASH" -> new Fingerprint(18, "Imphash", value);
                default -> new Fingerprint(99, algorithm, value);
            });
        }
        return out;
    }

    /** {@code DOMAIN\name}, with a separate domain and SID when the source has them. */
    private static User user(String qualified, String domain, String sid) {
        if (qualified == null && sid == null) {
            return null;
        }
        String name = qualified;
        String userDomain = domain;
        if (qualified != null && qualified.contains("\\")) {
            userDomain = qualified.substring(0, qualified.indexOf('\\'));
            name = qualified.substring(qualified.indexOf('\\') + 1);
        }
        return User.of(name, userDomain, sid);
    }

    private static User user(String qualified, String domain) {
        return user(qualified, domain, null);
    }

    private static Session session(String logonId, String logonGuid, String terminal) {
        if (logonId == null && logonGuid == null && terminal == null) {
            return null;
        }
        return new Session(logonId, guid(logonGuid), null, terminal);
    }

    private static String guid(String value) {
        if (value == null) {
            return null;
        }
        return value.startsWith("{") && value.endsWith("}") ? value.substring(1, value.length() - 1) : value;
    }

    private static Integer integrityId(String integrity) {
        return integrity == null ? null : INTEGRITY.getOrDefault(integrity.toLowerCase(Locale.ROOT), 99);
    }

    /** Mandatory integrity label SIDs (S-1-16-x) as Sysmon names them. */
    private static String integrityOfLabel(String sid) {
        if (sid == null) {
            return null;
        }
        return switch (sid) {
            case "S-1-16-0" -> "Untrusted";
            case "S-1-16-4096" -> "Low";
            case "S-1-16-8192", "S-1-16-8448" -> "Medium";
            case "S-1-16-12288" -> "High";
            case "S-1-16-16384" -> "System";
            case "S-1-16-20480" -> "Protected";
            default -> null;
        };
    }

    private static Long utc(String text) {
        return SourceTimes.parse(text, java.time.ZoneOffset.UTC, java.time.Instant.EPOCH).orElse(null);
    }

    /** Audit success and failure are keyword bits, or the shipper's event type. */
    private static Integer auditStatus(String keywords, String eventType) {
        if (eventType != null) {
            String t = eventType.toUpperCase(Locale.ROOT);
            if (t.contains("AUDIT_SUCCESS") || t.contains("AUDIT SUCCESS")) {
                return 1;
            }
            if (t.contains("AUDIT_FAILURE") || t.contains("AUDIT FAILURE")) {
                return 2;
            }
        }
        Long bits = SourceFields.parseNumber(keywords);
        if (bits == null) {
            return null;
        }
        if ((bits & 0x0020000000000000L) != 0) {
            return 1;
        }
        return (bits & 0x0010000000000000L) != 0 ? 2 : null;
    }

    /** NXLog's own scale: 1 DEBUG, 2 INFO, 3 WARNING, 4 ERROR, 5 CRITICAL. */
    private static Severity nxlogSeverity(Long value) {
        if (value == null) {
            return Severity.UNKNOWN;
        }
        return switch (value.intValue()) {
            case 1, 2 -> Severity.INFORMATIONAL;
            case 3 -> Severity.MEDIUM;
            case 4 -> Severity.HIGH;
            case 5 -> Severity.CRITICAL;
            default -> Severity.UNKNOWN;
        };
    }

    private static String messageField(String message, String name) {
        if (message == null) {
            return null;
        }
        for (String line : message.split("\r?\n")) {
            if (line.startsWith(name + ": ")) {
                return SourceText.clean(line.substring(name.length() + 2));
            }
        }
        return null;
    }

    private static Integer integer(String text) {
        Long value = SourceFields.parseNumber(text);
        return value == null || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? null : value.intValue();
    }

    private static Long number(String text) {
        return SourceFields.parseNumber(text);
    }

    private static Boolean bool(String text) {
        return text == null ? null : text.equalsIgnoreCase("true") ? Boolean.TRUE
                : text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainer()) {
            return null;
        }
        return SourceText.clean(node.asString());
    }

    private static Object plain(JsonNode node) {
        return node == null || node.isMissingNode() ? null : OcsfJson.mapper().convertValue(node, Object.class);
    }
}
