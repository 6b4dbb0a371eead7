CREATE TYPE purchase_status AS ENUM ('pending', 'paid', 'refunded');

CREATE TABLE purchases (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      BIGINT          NOT NULL,
    product_id   BIGINT          NOT NULL,
    status       purchase_status NOT NULL DEFAULT 'pending',
    price_cents  INTEGER         NOT NULL,
    purchased_at TIMESTAMPTZ     NOT NULL DEFAULT now(),
    CONSTRAINT purchases_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT purchases_product_fk FOREIGN KEY (product_id) REFERENCES products (id)
);
