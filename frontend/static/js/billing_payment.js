// Card payment with Stripe Elements (or localstripe's stand-in): the amount is fixed by the server's PaymentIntent.
// Without JavaScript the form stays hidden behind a <noscript> note; the order page still works.
const form = document.getElementById("card-payment");
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
    const result = await stripe.confirmCardPayment(form.dataset.clientSecret, { payment_method: { card } });
    if (result.error) {
      errors.textContent = result.error.message || String(result.error);
      button.disabled = false;
    } else {
      window.location.assign(form.dataset.returnUrl);
    }
  });
}
