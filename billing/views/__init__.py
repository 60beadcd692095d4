"""Pages of the shop: the catalogue, orders and their documents, training sessions and registrations."""
