// Golden request bodies produced by botocore 1.43.11's own serializers, pasted here as constants.
// Each is `QuerySerializer`/`EC2Serializer.serialize_to_request(...)` followed by `AWSRequest(...).prepare().body`
// (botocore form-encodes the body with `urllib.parse.urlencode`, so a space is `+`). The generating snippet is at
// the end of this file.

/// Form bodies exactly as botocore sends them.
enum BotocoreGolden {
    /// A policy document with quotes, braces, a newline, `+`, `%`, `&`, `=`, backslashes and non-ASCII text.
    static let policyDocument = ##"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::a+b%c&d=e/*",\##n"Condition":{"StringEquals":{"aws:username":"Jürgen 東京 😀 ~!@#$^*()[]|\\;:'<>,?`"}}}]}"##

    /// `botocore.utils.percent_encode(policyDocument)`: RFC 3986, as IAM returns documents.
    static let policyDocumentPercentEncoded = ##"%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3A%2A%22%2C%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Aa%2Bb%25c%26d%3De%2F%2A%22%2C%0A%22Condition%22%3A%7B%22StringEquals%22%3A%7B%22aws%3Ausername%22%3A%22J%C3%BCrgen%20%E6%9D%B1%E4%BA%AC%20%F0%9F%98%80%20~%21%40%23%24%5E%2A%28%29%5B%5D%7C%5C%5C%3B%3A%27%3C%3E%2C%3F%60%22%7D%7D%7D%5D%7D"##

    /// iam CreateUser: `{'Path': '/division_abc/subdivision_xyz/', 'UserName': 'Bob', 'PermissionsBoundary': 'arn:aws:iam::123456789012:policy/Boundary', 'Tags': [{'Key': 'Dept', 'Value': 'Accounting'}, {'Key': 'Cost Center', 'Value': '12345 & more'}]}`
    static let createUserWithTags = ##"Action=CreateUser&Version=2010-05-08&Path=%2Fdivision_abc%2Fsubdivision_xyz%2F&UserName=Bob&PermissionsBoundary=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2FBoundary&Tags.member.1.Key=Dept&Tags.member.1.Value=Accounting&Tags.member.2.Key=Cost+Center&Tags.member.2.Value=12345+%26+more"##

    /// iam CreateUser: `{'UserName': 'Bob', 'Tags': []}`
    static let createUserWithEmptyTags = ##"Action=CreateUser&Version=2010-05-08&UserName=Bob&Tags="##

    /// iam AttachGroupPolicy: `{'GroupName': 'Finance', 'PolicyArn': 'arn:aws:iam::aws:policy/ReadOnlyAccess'}`
    static let attachGroupPolicy = ##"Action=AttachGroupPolicy&Version=2010-05-08&GroupName=Finance&PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess"##

    /// iam CreatePolicy with `policyDocument`.
    static let createPolicy = ##"Action=CreatePolicy&Version=2010-05-08&PolicyName=Special&PolicyDocument=%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3A%2A%22%2C%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Aa%2Bb%25c%26d%3De%2F%2A%22%2C%0A%22Condition%22%3A%7B%22StringEquals%22%3A%7B%22aws%3Ausername%22%3A%22J%C3%BCrgen+%E6%9D%B1%E4%BA%AC+%F0%9F%98%80+~%21%40%23%24%5E%2A%28%29%5B%5D%7C%5C%5C%3B%3A%27%3C%3E%2C%3F%60%22%7D%7D%7D%5D%7D"##

    /// ec2 DescribeInstances: `{'InstanceIds': ['i-1234567890abcdef0', 'i-0598c7d356eba48d7'], 'Filters': [{'Name': 'instance-type', 'Values': ['t2.micro', 't3.micro']}, {'Name': 'tag:Owner', 'Values': ['alice']}], 'DryRun': True}`
    static let describeInstances = ##"Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-1234567890abcdef0&InstanceId.2=i-0598c7d356eba48d7&Filter.1.Name=instance-type&Filter.1.Value.1=t2.micro&Filter.1.Value.2=t3.micro&Filter.2.Name=tag%3AOwner&Filter.2.Value.1=alice&DryRun=true"##

    /// sns CreateTopic: `{'Name': 'my-topic', 'Attributes': {'DisplayName': 'My Topic', 'Policy': '{"a": 1}'}}`
    static let snsCreateTopicWithAttributes = ##"Action=CreateTopic&Version=2010-03-31&Name=my-topic&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=My+Topic&Attributes.entry.2.key=Policy&Attributes.entry.2.value=%7B%22a%22%3A+1%7D"##

    /// sts AssumeRole: `{'RoleArn': 'arn:aws:iam::123456789012:role/demo', 'RoleSessionName': 's1', 'PolicyArns': [{'arn': 'arn:aws:iam::aws:policy/ReadOnlyAccess'}], 'DurationSeconds': 900}`
    static let stsAssumeRole = ##"Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo&RoleSessionName=s1&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess&DurationSeconds=900"##

    /// iam ListUsers: `{'MaxItems': 50}`
    static let listUsers = ##"Action=ListUsers&Version=2010-05-08&MaxItems=50"##
}

// How the constants above were generated (Python, botocore 1.43.11):
//
//     import botocore.session, botocore.serialize
//     from botocore.awsrequest import AWSRequest
//     session = botocore.session.get_session()
//     def body(service, operation, params):
//         model = session.get_service_model(service)
//         serializer = botocore.serialize.create_serializer(model.metadata['protocol'])
//         request = serializer.serialize_to_request(params, model.operation_model(operation))
//         return AWSRequest(method='POST', url='https://example.com/', data=request['body']).prepare().body
//     print(body('iam', 'CreateUser', {'UserName': 'Bob', 'Tags': []}))   # and so on for each constant
