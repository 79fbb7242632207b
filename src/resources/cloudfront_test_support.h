// What the CloudFront types' moto tests share: a public key to sign with.
#ifndef VUEOPS_RESOURCES_CLOUDFRONT_TEST_SUPPORT_H_
#define VUEOPS_RESOURCES_CLOUDFRONT_TEST_SUPPORT_H_

namespace vueops::resources {

// An RSA-2048 public key in PEM, as the spec's public_key_file holds it (trailing newline
// trimmed, as the CloudFront types keep it).
inline constexpr char kTestPublicKey[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAuCUOEqGqOjqBnLZMrTCH\n"
    "wCI1eOgrZXZ3Zp/RyZDh1ELUdy9i6ULft66aNmw4FBvbw7pq8yvf0/E674+BeB/0\n"
    "ucG8LrxohbS56tEptxxZI4KGg3Vi02RiuGU7iscYy8F5c7yC3N6QyLUb1GTrgow/\n"
    "abG83ciUxOLyrZ6nnWJZAzI0cj2fnxiInHWkisxhcT6v3ObThL8HLm2SM/IXctmU\n"
    "eNNJAOlfbcG0iltEScaiyaaFJdlBfkIKqyq9J8WhZIXQfHV+k2JNMYwKxYjIdxga\n"
    "TfRC25b4NtCQ2/U0GDC4NPYKk32hdu1/uwV83vY5rjbaJAPBgy00CKnAqOcH8duD\n"
    "swIDAQAB\n"
    "-----END PUBLIC KEY-----";

}  // namespace vueops::resources

#endif  // VUEOPS_RESOURCES_CLOUDFRONT_TEST_SUPPORT_H_
