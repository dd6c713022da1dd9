package org.communityhub.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The error body of CONTRACT §5 and the message formats both HTTP modules share. */
class ErrorBodyTest {

    @Test
    void writesTheContractShape() {
        assertThat(ErrorBody.notFound("collection 'roads'").json())
                .isEqualTo("{\"error\":{\"code\":\"not_found\",\"message\":\"collection 'roads' not found\"}}");
    }

    @Test
    void aBadParameterNamesItAndAnUnavailableDatabaseIs503() {
        ErrorBody bad = ErrorBody.badParameter("lon", "must be a longitude in [-180, 180]");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("bad_parameter");
        assertThat(bad.message()).isEqualTo("parameter 'lon': must be a longitude in [-180, 180]");
        assertThat(ErrorBody.unavailable().status()).isEqualTo(503);
        assertThat(ErrorBody.unavailable().code()).isEqualTo("unavailable");
        assertThat(ErrorBody.of(ErrorCode.BUSY, "later").status()).isEqualTo(503);
        assertThat(ErrorCode.OUTSIDE_AREA.code()).isEqualTo("outside_area");
    }

    @Test
    void escapesUntrustedTextAsJsonStrings() {
        String json = ErrorBody.notFound("tile layer 'a\"b\\c\n\u0001\u2028 社区'").json();
        assertThat(json).isEqualTo("{\"error\":{\"code\":\"not_found\",\"message\":"
                + "\"tile layer 'a\\\"b\\\\c\\n\\u0001\\u2028 社区' not found\"}}");
    }

    @Test
    void refusesAStatusThatIsNoErrorOrACodeOutsideTheVocabularyShape() {
        assertThatThrownBy(() -> new ErrorBody(200, "ok", "fine")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ErrorBody(400, "Bad Thing", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ErrorBody(400, "bad", null)).isInstanceOf(NullPointerException.class);
    }
}
