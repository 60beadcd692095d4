// Card payment with Stripe Elements; the amount is fixed by the server's PaymentIntent.
// Against localstripe (make run, tests) the page says so with data-test-card-url: its Elements stand-in
// cannot confirm a PaymentIntent with a card, so the test card goes to our server, which confirms it at
// localstripe; a 3-D Secure card then opens the stand-in's authentication dialog.
// Without JavaScript the form stays hidden behind a <noscript> note; the order page still works.
const form = document.getElementById("card-payment");

function csrfToken() {
  const input = form.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

async function confirmWithTestCard(stripe, card) {
  const response = await fetch(form.dataset.testCardUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    credentials: "same-origin",
    body: JSON.stringify({ card: (card.value || {}).card || {} }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    return { error: { message: body.detail || form.dataset.genericError } };
  }
  if (body.status === "requires_action") {
    return stripe.confirmCardPayment(form.dataset.clientSecret);
  }
  if (body.status === "succeeded" || body.status === "processing") {
    return {};
  }
  return { error: { message: body.error || form.dataset.genericError } };
}

if (form && window.Stripe) {
  const stripe = window.Stripe(form.dataset.publishableKey);
  const card = stripe.elements().create("card");
  card.mount("#card-element");
  const button = form.querySelector("button[type=submit]");
  const errors = document.getElementById("card-errors");
  button.hidden = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    errors.textContent = "";
    let result;
    try {
      result = form.dataset.testCardUrl
        ? await confirmWithTestCard(stripe, card)
        : await stripe.confirmCardPayment(form.dataset.clientSecret, { payment_method: { card } });
    } catch (error) {
      result = { error: { message: form.dataset.genericError } };
    }
    if (result.error) {
      errors.textContent = result.error.message || String(result.error);
      button.disabled = false;
    } else {
      window.location.assign(form.dataset.returnUrl);
    }
  });
}
