package dev.lastmile.check.sql.pii;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiiNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"email", "billing_email", "EmailAddress", "email_address", "user_email", "phone_number",
            "mobile", "ssn", "national_id", "passport_no", "date_of_birth", "birth_date", "dob", "street_address",
            "home_address", "ip_address", "client_ip", "card_number", "iban", "first_name", "lastName", "full_name"})
    void personalData(String name) {
        assertThat(PiiNames.kindOf(name)).as(name).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"email_hash", "email_domain", "has_phone", "is_email_verified", "email_count",
            "email_bounced_date", "email_bounced_reason", "last_email_sent_date", "email_domain_classification",
            "ip_country", "address_city", "account_id", "created_at", "company_name", "shipping_method", "description",
            "device_mobile_brand_name", "phone_model", "repo_full_name", "contenttype_full_name", "agency_address",
            "contract_address", "to_address",
            "recipient", "timestamp"})
    void notPersonalData(String name) {
        assertThat(PiiNames.kindOf(name)).as(name).isEmpty();
    }

    @Property(tries = 500)
    void neverThrows(@ForAll String any) {
        PiiNames.kindOf(any);
    }
}
