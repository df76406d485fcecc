package dev.tunebench.runners.http;

import java.time.Duration;

/**
 * Turns a refused request into a retry (rate limit, overload, server error) or a rejection that says
 * what to fix in the suite (key, model or deployment name, api_version, base URL).
 */
final class Rejections {
    private final EndpointSettings s;

    Rejections(EndpointSettings settings) {
        this.s = settings;
    }

    RequestFailure classify(int status, ErrorBody error, Duration asked) {
        if (status == 429) {
            if ("insufficient_quota".equals(error.code()) || "insufficient_quota".equals(error.type())) {
                return new RequestFailure.Reject(status, s.host() + " says the quota is exhausted (429 insufficient_quota)"
                        + error.says() + ". Add credit or raise the quota; waiting will not help");
            }
            return new RequestFailure.Retry("rate limited (429)", asked);
        }
        if (status == 408 || status == 409 || status >= 500) {
            return new RequestFailure.Retry("server answered " + status + error.says(), asked);
        }
        if (status == 400 && error.says().contains("response_format")) {
            return new RequestFailure.Reject(status, s.host() + " does not take response_format (400)" + error.says()
                    + ". A judge asks for structured output only where its endpoint supports it: set structured: auto or"
                    + " false on the judge scorer");
        }
        return new RequestFailure.Reject(status, switch (status) {
            case 401 -> s.keyEnv() == null
                    ? s.host() + " wants a key (401 Unauthorized). Set api_key_env (" + s.whereIs("api_key_env")
                    + ") to the name of an environment variable that holds it"
                    : s.host() + " refused the key (401 Unauthorized). Put a valid key for this endpoint in the"
                    + " environment variable " + s.keyEnv() + " (named by " + s.whereIs("api_key_env") + ")";
            case 403 -> s.host() + " denied access to " + s.api().modelSetting() + " '" + s.name() + "' (403 Forbidden)"
                    + error.says() + ". Check that the key in " + s.keyEnv() + " may use it (" + s.whereIs(s.api().modelSetting()) + ")";
            case 404 -> s.api() == Api.AZURE
                    ? "Azure resource " + s.host() + " has no deployment '" + s.name() + "' for api-version " + s.apiVersion()
                    + " (404 Not Found)" + error.says() + ". Check the deployment name (" + s.whereIs("deployment")
                    + "; Azure portal, Deployments), the endpoint (" + s.whereIs("endpoint") + ") and api_version ("
                    + s.whereIs("api_version") + ")"
                    : s.host() + " has no model '" + s.name() + "' or no " + s.chatUrl().getPath() + " (404 Not Found)"
                    + error.says() + ". Check model (" + s.whereIs("model") + ") against GET /v1/models, and that base_url ("
                    + s.whereIs("base_url") + ") ends in /v1";
            default -> s.host() + " rejected the request (" + status + ")" + error.says() + ". Check "
                    + s.api().modelSetting() + " (" + s.whereIs(s.api().modelSetting()) + ")"
                    + (s.api() == Api.AZURE ? ", api_version (" + s.whereIs("api_version") + ")" : "")
                    + " and max_tokens_field (" + s.whereIs("max_tokens_field") + ": some models take only max_completion_tokens)";
        });
    }
}
