import stripe

stripe.api_key = "@@stripe_live@@"
TEST_KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"  # Stripe's public docs key


def invoices(since):
    return stripe.Invoice.list(created={"gte": since}, limit=100)
