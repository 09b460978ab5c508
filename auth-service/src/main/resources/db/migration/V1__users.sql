-- everyone who can sign in; a password is kept only as its hash, with its algorithm ({bcrypt}...)
CREATE TABLE users (
    name          VARCHAR(64)  PRIMARY KEY,
    role          VARCHAR(16)  NOT NULL,
    password_hash VARCHAR(200) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

-- Spring Security's JdbcOAuth2AuthorizationService: the authorizations auth granted, each with its authorization
-- code and the access token issued for it. The columns Spring declares as blob are text here (VARCHAR, which H2
-- and PostgreSQL both compare and index), its timestamps carry a time zone. Expired rows are deleted by auth.
CREATE TABLE oauth2_authorization (
    id                            VARCHAR(100)   NOT NULL PRIMARY KEY,
    registered_client_id          VARCHAR(100)   NOT NULL,
    principal_name                VARCHAR(200)   NOT NULL,
    authorization_grant_type      VARCHAR(100)   NOT NULL,
    authorized_scopes             VARCHAR(1000),
    attributes                    VARCHAR(100000),
    state                         VARCHAR(500),
    authorization_code_value      VARCHAR(1000),
    authorization_code_issued_at  TIMESTAMP WITH TIME ZONE,
    authorization_code_expires_at TIMESTAMP WITH TIME ZONE,
    authorization_code_metadata   VARCHAR(10000),
    access_token_value            VARCHAR(20000),
    access_token_issued_at        TIMESTAMP WITH TIME ZONE,
    access_token_expires_at       TIMESTAMP WITH TIME ZONE,
    access_token_metadata         VARCHAR(40000),
    access_token_type             VARCHAR(100),
    access_token_scopes           VARCHAR(1000),
    oidc_id_token_value           VARCHAR(20000),
    oidc_id_token_issued_at       TIMESTAMP WITH TIME ZONE,
    oidc_id_token_expires_at      TIMESTAMP WITH TIME ZONE,
    oidc_id_token_metadata        VARCHAR(40000),
    refresh_token_value           VARCHAR(1000),
    refresh_token_issued_at       TIMESTAMP WITH TIME ZONE,
    refresh_token_expires_at      TIMESTAMP WITH TIME ZONE,
    refresh_token_metadata        VARCHAR(10000),
    user_code_value               VARCHAR(1000),
    user_code_issued_at           TIMESTAMP WITH TIME ZONE,
    user_code_expires_at          TIMESTAMP WITH TIME ZONE,
    user_code_metadata            VARCHAR(10000),
    device_code_value             VARCHAR(1000),
    device_code_issued_at         TIMESTAMP WITH TIME ZONE,
    device_code_expires_at        TIMESTAMP WITH TIME ZONE,
    device_code_metadata          VARCHAR(10000)
);

-- a code is looked up once, when the client exchanges it for a token
CREATE INDEX oauth2_authorization_code ON oauth2_authorization (authorization_code_value);
