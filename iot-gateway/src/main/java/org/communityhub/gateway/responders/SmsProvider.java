package org.communityhub.gateway.responders;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Port (SPI) of an SMS provider: sends one templated text message to some phone numbers, asynchronously (never
 * blocking the caller's thread). The stage completes with the outcome, never exceptionally: a refusal no retry can
 * mend (bad number, template or credentials) is {@link SendResult#permanent()}, the provider's throttling
 * {@link SendResult#rateLimited()}; the error names the provider's code and message, never the secret nor a whole
 * phone number. With several numbers, one bad number must not keep the message from the others: the outcome is
 * delivered when every number got it or was refused for good (named, masked, in the error). A retry of a partly
 * failed message texts only the numbers not reached yet: the caller gives the {@link PhoneDigests digests} of those
 * reached before (kept with the delivery, so this holds across restarts and hub instances) and the outcome's
 * {@link SendResult#reached} adds the ones reached now. The implementation here is {@code AliyunSms} (Alibaba Cloud
 * SMS, Dysmsapi {@code SendSms}). Thread-safe.
 */
public interface SmsProvider {

    /**
     * @param settings the channel's endpoint, account, signature and template
     * @param secret   the account's secret (the channel's secret)
     * @param phones   1–{@value SmsSettings#MAX_PHONES} recipients
     * @param params   the template's parameters ({@link SmsText#params})
     * @param reached  digests of the numbers already reached by this delivery: skipped
     */
    CompletionStage<SendResult> send(SmsSettings settings, String secret, List<String> phones,
                                     Map<String, String> params, Set<String> reached);
}
