package org.finres.events;

import java.util.Objects;

/**
 * Authentication (3002): a logon or logoff of {@code user}. {@code logon_type_id} follows Windows logon types (2
 * Interactive, 3 Network, 10 Remote Interactive...); {@code auth_protocol_id} 1 NTLM, 2 Kerberos, 99 Other.
 */
public record Authentication(BaseAttributes base, User user, NetworkEndpoint srcEndpoint, NetworkEndpoint dstEndpoint,
                             Integer logonTypeId, String logonType, Integer authProtocolId, String authProtocol,
                             Boolean isRemote, Session session, ProcessInfo logonProcess) implements OcsfEvent {

    public static final int LOGON = 1;
    public static final int LOGOFF = 2;

    public Authentication {
        Objects.requireNonNull(base, "base");
    }

    @Override
    public Authentication withBase(BaseAttributes newBase) {
        return new Authentication(newBase, user, srcEndpoint, dstEndpoint, logonTypeId, logonType, authProtocolId,
                authProtocol, isRemote, session, logonProcess);
    }
}
