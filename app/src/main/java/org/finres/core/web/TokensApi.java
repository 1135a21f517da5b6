package org.finres.core.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.finres.core.ApiTokens;
import org.finres.core.CurrentActor;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.core.TokenId;
import org.finres.core.TokenScope;
import org.finres.core.web.ApiViews.IssuedTokenView;
import org.finres.core.web.ApiViews.TokenRequest;
import org.finres.core.web.ApiViews.TokenView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "API tokens", description = "Tokens per institution with scopes and expiry; the secret is shown once")
class TokensApi {

    private final ApiTokens tokens;

    TokensApi(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    List<TokenView> list(@RequestParam(required = false) String institution) {
        return tokens.list(CurrentActor.get(), institution == null ? null : InstitutionId.of(institution))
                .stream().map(TokenView::of).toList();
    }

    @GetMapping("/{id}")
    TokenView get(@PathVariable String id) {
        return TokenView.of(tokens.get(CurrentActor.get(), new TokenId(id)));
    }

    @PostMapping
    @Operation(summary = "Issue a token; the response carries the secret, which is never shown again")
    ResponseEntity<IssuedTokenView> issue(@RequestBody TokenRequest r) {
        var actor = CurrentActor.get();
        InstitutionId tenant = r.institutionId() == null ? actor.institutionId() : InstitutionId.of(r.institutionId());
        if (r.scopes() == null || r.scopes().isEmpty()) {
            throw new InvalidInputException("scopes", "needs at least one of " + TokenScope.codes());
        }
        Set<TokenScope> scopes = r.scopes().stream().map(TokenScope::fromCode).collect(Collectors.toSet());
        int days = r.validDays() == null ? 90 : r.validDays();
        if (days <= 0) {
            throw new InvalidInputException("validDays", "must be a positive number of days");
        }
        var issued = tokens.issue(actor, new ApiTokens.Draft(tenant, r.name(), scopes, Duration.ofDays(days)));
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.token().id()))
                .body(new IssuedTokenView(TokenView.of(issued.token()), issued.secret(),
                        "store the secret now: only its hash is kept and it cannot be shown again"));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a token; it stops working at once")
    TokenView revoke(@PathVariable String id) {
        return TokenView.of(tokens.revoke(CurrentActor.get(), new TokenId(id)));
    }
}
