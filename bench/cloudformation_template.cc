#include "cloudformation_template.h"

#include <string_view>

namespace vueops::bench {
namespace {

// One environment of the Vueocity system as users write it today without vueops: a
// CloudFormation stack per environment (a template holds at most 500 resources). It mirrors
// what the spec's template declares: the VPC with public and private subnets and NAT per zone,
// the four security groups, a launch template and autoscaling group per profile, RDS MySQL,
// Redis, the ALB with its listeners, routes and target groups, two certificates, four
// buckets, two CloudFront distributions with origin access control and a signing key group,
// SES identities and the SMTP user, a hosted zone with failover records, and the secrets.
// @ENV@, @OCTET@ and @DOMAIN@ are filled in per environment.
constexpr std::string_view kTemplate = R"(AWSTemplateFormatVersion: "2010-09-09"
Description: Vueocity environment @ENV@
Parameters:
  AmiId:
    Type: AWS::EC2::Image::Id
    Default: ami-0a1b2c3d4e5f67890
  SigningPublicKey:
    Type: String
    Default: "-----BEGIN PUBLIC KEY-----"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.@OCTET@.0.0/16
      EnableDnsHostnames: true
      EnableDnsSupport: true
      Tags: [{Key: Name, Value: vueocity-@ENV@}]
  InternetGateway:
    Type: AWS::EC2::InternetGateway
  GatewayAttachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref InternetGateway}
  PublicSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.@OCTET@.0.0/20
      AvailabilityZone: !Select [0, !GetAZs ""]
  PublicSubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.@OCTET@.16.0/20
      AvailabilityZone: !Select [1, !GetAZs ""]
  PrivateSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.@OCTET@.128.0/20
      AvailabilityZone: !Select [0, !GetAZs ""]
  PrivateSubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.@OCTET@.144.0/20
      AvailabilityZone: !Select [1, !GetAZs ""]
  NatAddressA:
    Type: AWS::EC2::EIP
    DependsOn: GatewayAttachment
    Properties: {Domain: vpc}
  NatAddressB:
    Type: AWS::EC2::EIP
    DependsOn: GatewayAttachment
    Properties: {Domain: vpc}
  NatGatewayA:
    Type: AWS::EC2::NatGateway
    Properties: {AllocationId: !GetAtt NatAddressA.AllocationId, SubnetId: !Ref PublicSubnetA}
  NatGatewayB:
    Type: AWS::EC2::NatGateway
    Properties: {AllocationId: !GetAtt NatAddressB.AllocationId, SubnetId: !Ref PublicSubnetB}
  PublicRouteTable:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  PublicRoute:
    Type: AWS::EC2::Route
    DependsOn: GatewayAttachment
    Properties:
      RouteTableId: !Ref PublicRouteTable
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref InternetGateway
  PublicSubnetARoutes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PublicSubnetA, RouteTableId: !Ref PublicRouteTable}
  PublicSubnetBRoutes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PublicSubnetB, RouteTableId: !Ref PublicRouteTable}
  PrivateRouteTableA:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  PrivateRouteA:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PrivateRouteTableA
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatGatewayA
  PrivateSubnetARoutes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PrivateSubnetA, RouteTableId: !Ref PrivateRouteTableA}
  PrivateRouteTableB:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  PrivateRouteB:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref PrivateRouteTableB
      DestinationCidrBlock: 0.0.0.0/0
      NatGatewayId: !Ref NatGatewayB
  PrivateSubnetBRoutes:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PrivateSubnetB, RouteTableId: !Ref PrivateRouteTableB}
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: com.amazonaws.us-west-2.s3
      VpcEndpointType: Gateway
      RouteTableIds: [!Ref PrivateRouteTableA, !Ref PrivateRouteTableB]
  LoadBalancerGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: Load balancer, HTTP and HTTPS from the internet
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0}
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
  ServersGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: Servers, web traffic from the load balancer, SSH from DevOps IPs
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 203.0.113.10/32}
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 198.51.100.24/32}
        - {IpProtocol: tcp, FromPort: 8000, ToPort: 8010, CidrIp: 203.0.113.10/32}
  ServersFromLoadBalancer:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref ServersGroup
      IpProtocol: tcp
      FromPort: 80
      ToPort: 80
      SourceSecurityGroupId: !Ref LoadBalancerGroup
  DatabaseGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: RDS MySQL, 3306 from the servers
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 3306, ToPort: 3306, SourceSecurityGroupId: !Ref ServersGroup}
  CacheGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ElastiCache Redis, 6379 from the servers
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 6379, ToPort: 6379, SourceSecurityGroupId: !Ref ServersGroup}
  ServerRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: vueocity-@ENV@-servers
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "sts:AssumeRole"}
      Policies:
        - PolicyName: buckets
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
                Resource: !Sub "${ProtectedBucket.Arn}/*"
  ServerProfile:
    Type: AWS::IAM::InstanceProfile
    Properties: {Roles: [!Ref ServerRole]}
  FohLaunchTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: !Ref AmiId
        InstanceType: t3.large
        KeyName: vueocity-@ENV@
        IamInstanceProfile: {Arn: !GetAtt ServerProfile.Arn}
        SecurityGroupIds: [!Ref ServersGroup]
        MetadataOptions: {HttpTokens: required}
        Monitoring: {Enabled: true}
        UserData: !Base64 "#cloud-config\npackages: [nginx]\n"
  BohLaunchTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: !Ref AmiId
        InstanceType: t3.medium
        KeyName: vueocity-@ENV@
        IamInstanceProfile: {Arn: !GetAtt ServerProfile.Arn}
        SecurityGroupIds: [!Ref ServersGroup]
        MetadataOptions: {HttpTokens: required}
        UserData: !Base64 "#cloud-config\npackages: [nginx]\n"
  FtLaunchTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: !Ref AmiId
        InstanceType: c6i.large
        KeyName: vueocity-@ENV@
        IamInstanceProfile: {Arn: !GetAtt ServerProfile.Arn}
        SecurityGroupIds: [!Ref ServersGroup]
        MetadataOptions: {HttpTokens: required}
        UserData: !Base64 "#cloud-config\npackages: [nginx]\n"
  FohGroup:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: "1"
      MaxSize: "2"
      DesiredCapacity: "1"
      VPCZoneIdentifier: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]
      TargetGroupARNs: [!Ref FohTargets]
      MixedInstancesPolicy:
        InstancesDistribution: {OnDemandBaseCapacity: 0, OnDemandPercentageAboveBaseCapacity: 0}
        LaunchTemplate:
          LaunchTemplateSpecification:
            LaunchTemplateId: !Ref FohLaunchTemplate
            Version: !GetAtt FohLaunchTemplate.LatestVersionNumber
          Overrides:
            - {InstanceType: t3.large}
            - {InstanceType: t3a.large}
            - {InstanceType: m6i.large}
  BohGroup:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: "0"
      MaxSize: "1"
      DesiredCapacity: "1"
      VPCZoneIdentifier: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]
      TargetGroupARNs: [!Ref BohTargets]
      MixedInstancesPolicy:
        InstancesDistribution: {OnDemandBaseCapacity: 0, OnDemandPercentageAboveBaseCapacity: 0}
        LaunchTemplate:
          LaunchTemplateSpecification:
            LaunchTemplateId: !Ref BohLaunchTemplate
            Version: !GetAtt BohLaunchTemplate.LatestVersionNumber
          Overrides: [{InstanceType: t3.medium}, {InstanceType: t3a.medium}]
  FtGroup:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: "0"
      MaxSize: "1"
      DesiredCapacity: "0"
      VPCZoneIdentifier: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]
      TargetGroupARNs: [!Ref FtTargets]
      MixedInstancesPolicy:
        InstancesDistribution: {OnDemandBaseCapacity: 0, OnDemandPercentageAboveBaseCapacity: 0}
        LaunchTemplate:
          LaunchTemplateSpecification:
            LaunchTemplateId: !Ref FtLaunchTemplate
            Version: !GetAtt FtLaunchTemplate.LatestVersionNumber
          Overrides: [{InstanceType: c6i.large}, {InstanceType: c6a.large}]
  DevServerAddress:
    Type: AWS::EC2::EIP
    Properties: {Domain: vpc}
  DatabaseSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: Private subnets of @ENV@
      SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]
  DatabaseParameters:
    Type: AWS::RDS::DBParameterGroup
    Properties:
      Description: MySQL 8.0 for @ENV@
      Family: mysql8.0
      Parameters:
        max_connections: "121"
        default_storage_engine: InnoDB
        require_secure_transport: "ON"
  Database:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: Snapshot
    UpdateReplacePolicy: Snapshot
    Properties:
      Engine: mysql
      EngineVersion: "8.0.40"
      DBInstanceClass: db.t4g.small
      MultiAZ: true
      AllocatedStorage: "20"
      MaxAllocatedStorage: 200
      StorageType: gp3
      StorageEncrypted: true
      MasterUsername: mpfadmin
      ManageMasterUserPassword: true
      DBSubnetGroupName: !Ref DatabaseSubnets
      DBParameterGroupName: !Ref DatabaseParameters
      VPCSecurityGroups: [!Ref DatabaseGroup]
      BackupRetentionPeriod: 7
  CacheSubnets:
    Type: AWS::ElastiCache::SubnetGroup
    Properties:
      Description: Private subnets of @ENV@
      SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: Redis for @ENV@
      Engine: redis
      EngineVersion: "7.1"
      CacheNodeType: cache.t4g.micro
      NumCacheClusters: 2
      MultiAZEnabled: true
      AutomaticFailoverEnabled: true
      AtRestEncryptionEnabled: true
      TransitEncryptionEnabled: true
      CacheSubnetGroupName: !Ref CacheSubnets
      SecurityGroupIds: [!Ref CacheGroup]
  SiteCertificate:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: @DOMAIN@
      SubjectAlternativeNames: ["*.@DOMAIN@"]
      ValidationMethod: DNS
      DomainValidationOptions: [{DomainName: @DOMAIN@, HostedZoneId: !Ref Zone}]
  CdnCertificate:
    Type: AWS::CertificateManager::Certificate
    Properties:
      DomainName: "*.@DOMAIN@"
      SubjectAlternativeNames: [@DOMAIN@]
      ValidationMethod: DNS
      DomainValidationOptions: [{DomainName: @DOMAIN@, HostedZoneId: !Ref Zone}]
  LoadBalancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internet-facing
      Subnets: [!Ref PublicSubnetA, !Ref PublicSubnetB]
      SecurityGroups: [!Ref LoadBalancerGroup]
      LoadBalancerAttributes:
        - {Key: access_logs.s3.enabled, Value: "true"}
        - {Key: access_logs.s3.bucket, Value: !Ref LogsBucket}
  FohTargets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      VpcId: !Ref Vpc
      Port: 80
      Protocol: HTTP
      HealthCheckPath: /health
      TargetGroupAttributes:
        - {Key: stickiness.enabled, Value: "true"}
        - {Key: stickiness.lb_cookie.duration_seconds, Value: "3600"}
  BohTargets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      VpcId: !Ref Vpc
      Port: 80
      Protocol: HTTP
      HealthCheckPath: /health
      TargetGroupAttributes:
        - {Key: stickiness.enabled, Value: "true"}
        - {Key: stickiness.lb_cookie.duration_seconds, Value: "3600"}
  FtTargets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {VpcId: !Ref Vpc, Port: 80, Protocol: HTTP, HealthCheckPath: /health}
  HttpListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LoadBalancer
      Port: 80
      Protocol: HTTP
      DefaultActions: [{Type: forward, TargetGroupArn: !Ref FohTargets}]
  HttpsListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref LoadBalancer
      Port: 443
      Protocol: HTTPS
      Certificates: [{CertificateArn: !Ref SiteCertificate}]
      DefaultActions: [{Type: forward, TargetGroupArn: !Ref FohTargets}]
  AdminRoute:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref HttpsListener
      Priority: 10
      Conditions: [{Field: path-pattern, PathPatternConfig: {Values: ["/admin/*", "/manage/*"]}}]
      Actions: [{Type: forward, TargetGroupArn: !Ref BohTargets}]
  FtRoute:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref HttpsListener
      Priority: 20
      Conditions: [{Field: path-pattern, PathPatternConfig: {Values: ["/ft/*"]}}]
      Actions: [{Type: forward, TargetGroupArn: !Ref FtTargets}]
  ProtectedBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: vueocity-@ENV@-protected
      VersioningConfiguration: {Status: Enabled}
      AccelerateConfiguration: {AccelerationStatus: Enabled}
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LoggingConfiguration: {DestinationBucketName: !Ref LogsBucket, LogFilePrefix: protected/}
      CorsConfiguration:
        CorsRules:
          - AllowedOrigins: ["https://@DOMAIN@", "https://*.@DOMAIN@"]
            AllowedMethods: [GET, PUT, POST, HEAD]
            AllowedHeaders: ["*"]
            MaxAge: 3000
      LifecycleConfiguration:
        Rules:
          - Id: old-versions
            Status: Enabled
            NoncurrentVersionTransitions: [{StorageClass: GLACIER_IR, TransitionInDays: 30}]
            NoncurrentVersionExpiration: {NoncurrentDays: 365}
  PublicBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: vueocity-@ENV@-public
      VersioningConfiguration: {Status: Enabled}
      AccelerateConfiguration: {AccelerationStatus: Enabled}
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LoggingConfiguration: {DestinationBucketName: !Ref LogsBucket, LogFilePrefix: public/}
      LifecycleConfiguration:
        Rules:
          - Id: old-versions
            Status: Enabled
            NoncurrentVersionTransitions: [{StorageClass: GLACIER_IR, TransitionInDays: 30}]
            NoncurrentVersionExpiration: {NoncurrentDays: 365}
  PublicProtectedBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: vueocity-@ENV@-public-protected
      VersioningConfiguration: {Status: Enabled}
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LoggingConfiguration:
        DestinationBucketName: !Ref LogsBucket
        LogFilePrefix: public-protected/
  LogsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: vueocity-@ENV@-logs
      VersioningConfiguration: {Status: Enabled}
      OwnershipControls: {Rules: [{ObjectOwnership: BucketOwnerPreferred}]}
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      LifecycleConfiguration:
        Rules:
          - {Id: expire, Status: Enabled, ExpirationInDays: 365}
  ProtectedBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref ProtectedBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: cloudfront.amazonaws.com}
            Action: "s3:GetObject"
            Resource: !Sub "${ProtectedBucket.Arn}/*"
            Condition:
              StringEquals:
                "AWS:SourceArn": !Sub "arn:aws:cloudfront::${AWS::AccountId}:\
                  distribution/${ProtectedDistribution}"
  PublicBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref PublicBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: cloudfront.amazonaws.com}
            Action: "s3:GetObject"
            Resource: !Sub "${PublicBucket.Arn}/*"
            Condition:
              StringEquals:
                "AWS:SourceArn": !Sub "arn:aws:cloudfront::${AWS::AccountId}:\
                  distribution/${PublicDistribution}"
  OriginAccess:
    Type: AWS::CloudFront::OriginAccessControl
    Properties:
      OriginAccessControlConfig:
        Name: vueocity-@ENV@
        OriginAccessControlOriginType: s3
        SigningBehavior: always
        SigningProtocol: sigv4
  SigningKey:
    Type: AWS::CloudFront::PublicKey
    Properties:
      PublicKeyConfig:
        Name: vueocity-@ENV@-signing
        CallerReference: vueocity-@ENV@-signing
        EncodedKey: !Ref SigningPublicKey
  SigningKeyGroup:
    Type: AWS::CloudFront::KeyGroup
    Properties:
      KeyGroupConfig: {Name: vueocity-@ENV@-signing, Items: [!Ref SigningKey]}
  PublicDistribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Comment: Public files and the error page of last resort
        Aliases: [cdn.@DOMAIN@]
        ViewerCertificate:
          AcmCertificateArn: !Ref CdnCertificate
          SslSupportMethod: sni-only
          MinimumProtocolVersion: TLSv1.2_2021
        Logging: {Bucket: !GetAtt LogsBucket.RegionalDomainName, Prefix: cloudfront/public/}
        Origins:
          - Id: bucket
            DomainName: !GetAtt PublicBucket.RegionalDomainName
            OriginAccessControlId: !Ref OriginAccess
            S3OriginConfig: {OriginAccessIdentity: ""}
          - Id: elb
            DomainName: !GetAtt LoadBalancer.DNSName
            CustomOriginConfig: {OriginProtocolPolicy: https-only}
          - Id: mpf-root
            DomainName: !GetAtt PublicBucket.RegionalDomainName
            OriginPath: /_static
            OriginAccessControlId: !Ref OriginAccess
            S3OriginConfig: {OriginAccessIdentity: ""}
        DefaultCacheBehavior:
          TargetOriginId: bucket
          ViewerProtocolPolicy: redirect-to-https
          AllowedMethods: [GET, HEAD, OPTIONS]
          CachedMethods: [GET, HEAD, OPTIONS]
          ForwardedValues:
            QueryString: false
            Headers: [access-control-request-headers, access-control-request-method, origin]
        CacheBehaviors:
          - PathPattern: /nh/*
            TargetOriginId: elb
            ViewerProtocolPolicy: https-only
            AllowedMethods: [GET, HEAD, OPTIONS, PUT, POST, PATCH, DELETE]
            ForwardedValues:
              QueryString: true
              Cookies: {Forward: whitelist, WhitelistedNames: ["vueocity*session"]}
          - PathPattern: /mpf-root/*
            TargetOriginId: mpf-root
            ViewerProtocolPolicy: redirect-to-https
            ForwardedValues: {QueryString: false}
        CustomErrorResponses:
          - {ErrorCode: 403, ResponseCode: 404, ResponsePagePath: /mpf-root/404.html}
          - {ErrorCode: 404, ResponseCode: 404, ResponsePagePath: /mpf-root/404.html}
          - {ErrorCode: 502, ResponseCode: 503, ResponsePagePath: /mpf-root/maintenance.html}
          - {ErrorCode: 503, ResponseCode: 503, ResponsePagePath: /mpf-root/maintenance.html}
          - {ErrorCode: 504, ResponseCode: 503, ResponsePagePath: /mpf-root/maintenance.html}
  ProtectedDistribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Comment: Protected files behind signed URLs
        Aliases: [files.@DOMAIN@]
        ViewerCertificate:
          AcmCertificateArn: !Ref CdnCertificate
          SslSupportMethod: sni-only
          MinimumProtocolVersion: TLSv1.2_2021
        Logging: {Bucket: !GetAtt LogsBucket.RegionalDomainName, Prefix: cloudfront/protected/}
        Origins:
          - Id: bucket
            DomainName: !GetAtt ProtectedBucket.RegionalDomainName
            OriginAccessControlId: !Ref OriginAccess
            S3OriginConfig: {OriginAccessIdentity: ""}
          - Id: elb
            DomainName: !GetAtt LoadBalancer.DNSName
            CustomOriginConfig: {OriginProtocolPolicy: https-only}
        DefaultCacheBehavior:
          TargetOriginId: bucket
          ViewerProtocolPolicy: https-only
          TrustedKeyGroups: [!Ref SigningKeyGroup]
          AllowedMethods: [GET, HEAD, OPTIONS]
          CachedMethods: [GET, HEAD, OPTIONS]
          ForwardedValues:
            QueryString: true
            QueryStringCacheKeys: [response-content-disposition]
            Cookies: {Forward: whitelist, WhitelistedNames: ["vueocity*session"]}
        CacheBehaviors:
          - PathPattern: /nh/*
            TargetOriginId: elb
            ViewerProtocolPolicy: https-only
            AllowedMethods: [GET, HEAD, OPTIONS, PUT, POST, PATCH, DELETE]
            ForwardedValues: {QueryString: true}
  SmtpUser:
    Type: AWS::IAM::User
    Properties:
      UserName: ses-smtp-user-@ENV@
      Policies:
        - PolicyName: send
          PolicyDocument:
            Version: "2012-10-17"
            Statement: [{Effect: Allow, Action: "ses:SendRawEmail", Resource: "*"}]
  SmtpKey:
    Type: AWS::IAM::AccessKey
    Properties: {UserName: !Ref SmtpUser}
  MailDomain:
    Type: AWS::SES::EmailIdentity
    Properties: {EmailIdentity: @DOMAIN@}
  NoReplyAddress:
    Type: AWS::SES::EmailIdentity
    Properties: {EmailIdentity: noreply@@DOMAIN@}
  SupportAddress:
    Type: AWS::SES::EmailIdentity
    Properties: {EmailIdentity: support@@DOMAIN@}
  Zone:
    Type: AWS::Route53::HostedZone
    Properties: {Name: @DOMAIN@}
  SiteCheck:
    Type: AWS::Route53::HealthCheck
    Properties:
      HealthCheckConfig:
        Type: HTTPS
        FullyQualifiedDomainName: www.@DOMAIN@
        ResourcePath: /health
  ApexRecord:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneId: !Ref Zone
      Name: @DOMAIN@
      Type: A
      AliasTarget:
        DNSName: !GetAtt LoadBalancer.DNSName
        HostedZoneId: !GetAtt LoadBalancer.CanonicalHostedZoneID
  CdnRecord:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneId: !Ref Zone
      Name: cdn.@DOMAIN@
      Type: A
      AliasTarget: {DNSName: !GetAtt PublicDistribution.DomainName, HostedZoneId: Z2FDTNDATAQYW2}
  FilesRecord:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneId: !Ref Zone
      Name: files.@DOMAIN@
      Type: A
      AliasTarget: {DNSName: !GetAtt ProtectedDistribution.DomainName, HostedZoneId: Z2FDTNDATAQYW2}
  WwwPrimaryRecord:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneId: !Ref Zone
      Name: www.@DOMAIN@
      Type: A
      SetIdentifier: primary
      Failover: PRIMARY
      HealthCheckId: !Ref SiteCheck
      AliasTarget:
        DNSName: !GetAtt LoadBalancer.DNSName
        HostedZoneId: !GetAtt LoadBalancer.CanonicalHostedZoneID
  WwwSecondaryRecord:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneId: !Ref Zone
      Name: www.@DOMAIN@
      Type: A
      SetIdentifier: secondary
      Failover: SECONDARY
      AliasTarget: {DNSName: !GetAtt PublicDistribution.DomainName, HostedZoneId: Z2FDTNDATAQYW2}
  DevServerRecord:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneId: !Ref Zone
      Name: dev1.@DOMAIN@
      Type: A
      TTL: "300"
      ResourceRecords: [!Ref DevServerAddress]
  DatabaseSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Description: RDS master password
      GenerateSecretString: {PasswordLength: 32, ExcludePunctuation: true}
  SmtpSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Description: SES SMTP user name and password
      SecretString: !Sub '{"user": "${SmtpKey}"}'
  SigningKeySecret:
    Type: AWS::SecretsManager::Secret
    Properties: {Description: Private key of the CloudFront signing key pair}
  DjangoSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Description: Django SECRET_KEY
      GenerateSecretString: {PasswordLength: 50, ExcludePunctuation: true}
Outputs:
  LoadBalancerName:
    Value: !GetAtt LoadBalancer.DNSName
)";

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
}

}  // namespace

std::string CloudFormationTemplate(const std::string& environment, int octet,
                                   const std::string& domain) {
  std::string text(kTemplate);
  ReplaceAll(text, "@ENV@", environment);
  ReplaceAll(text, "@OCTET@", std::to_string(octet));
  ReplaceAll(text, "@DOMAIN@", domain);
  return text;
}

int CountCloudFormationResources(const std::string& text) {
  // Resources are the entries of the Resources: section, each with its Type: line.
  size_t start = text.find("\nResources:\n");
  size_t end = text.find("\nOutputs:\n");
  if (start == std::string::npos) return 0;
  int count = 0;
  for (size_t at = text.find("\n    Type: AWS::", start); at < end;
       at = text.find("\n    Type: AWS::", at + 1)) {
    ++count;
  }
  return count;
}

}  // namespace vueops::bench
