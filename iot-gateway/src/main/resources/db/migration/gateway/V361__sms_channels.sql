-- Issue 17: the 'sms' channel kind (Alibaba Cloud SMS; the URL holds the endpoint, AccessKeyId, SignName,
-- TemplateCode and PhoneNumbers, the secret the AccessKey secret, both sealed like every channel's).
ALTER TABLE channel DROP CONSTRAINT channel_kind_check;
ALTER TABLE channel ADD CONSTRAINT channel_kind_check
    CHECK (kind IN ('webhook', 'wecom', 'dingtalk', 'feishu', 'sms'));
